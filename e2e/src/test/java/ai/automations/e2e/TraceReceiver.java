package ai.automations.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An in-process OTLP/HTTP trace receiver for the e2e suite: the services export their spans here
 * ({@code POST /v1/traces}, {@code application/x-protobuf}) and tests read them back. It decodes just the fields of
 * {@code ExportTraceServiceRequest} the tests look at (resource {@code service.name}; span ids, name, kind and every
 * attribute, whatever its type, rendered as text) straight from the protobuf wire format.
 */
final class TraceReceiver {

    /** A span as received: every attribute value as text, so a test can scan them all. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, int kind,
            Map<String, String> attributes) {
    }

    private static TraceReceiver shared;

    private final HttpServer server;
    private final Queue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();
    private final Queue<String> rawBodies = new ConcurrentLinkedQueue<>();

    private TraceReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", this::receive);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "otlp-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The receiver of this test JVM, started on first use. */
    static synchronized TraceReceiver shared() {
        if (shared == null) {
            shared = new TraceReceiver();
        }
        return shared;
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** Every export body as received, decoded as ISO-8859-1 so any byte sequence of a secret can be searched. */
    List<String> rawBodies() {
        return List.copyOf(rawBodies);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            rawBodies.add(new String(body, StandardCharsets.ISO_8859_1));
            try {
                decodeRequest(body);
                exchange.sendResponseHeaders(200, -1);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            }
        }
    }

    private void decodeRequest(byte[] body) {
        for (Field resourceSpans : fields(body)) {
            if (resourceSpans.number == 1) {
                String service = "?";
                List<byte[]> scopes = new ArrayList<>();
                for (Field f : fields(resourceSpans.bytes)) {
                    if (f.number == 1) {
                        String name = attributes(f.bytes, 1).get("service.name");
                        service = name == null ? service : name;
                    } else if (f.number == 2) {
                        scopes.add(f.bytes);
                    }
                }
                for (byte[] scope : scopes) {
                    for (Field f : fields(scope)) {
                        if (f.number == 2) {
                            spans.add(span(service, f.bytes));
                        }
                    }
                }
            }
        }
    }

    private static ReceivedSpan span(String service, byte[] bytes) {
        String traceId = null;
        String spanId = null;
        String parent = "";
        String name = null;
        int kind = 0;
        for (Field f : fields(bytes)) {
            switch (f.number) {
                case 1 -> traceId = HexFormat.of().formatHex(f.bytes);
                case 2 -> spanId = HexFormat.of().formatHex(f.bytes);
                case 4 -> parent = HexFormat.of().formatHex(f.bytes);
                case 5 -> name = new String(f.bytes, StandardCharsets.UTF_8);
                case 6 -> kind = (int) f.value;
                default -> {
                }
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name, kind, attributes(bytes, 9));
    }

    /** The {@code KeyValue} attributes in field {@code number} of a message, values as text. */
    private static Map<String, String> attributes(byte[] message, int number) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : fields(message)) {
            if (f.number == number && f.bytes != null) {
                String key = null;
                String value = null;
                for (Field kv : fields(f.bytes)) {
                    if (kv.number == 1) {
                        key = new String(kv.bytes, StandardCharsets.UTF_8);
                    } else if (kv.number == 2) {
                        value = anyValue(kv.bytes);
                    }
                }
                out.put(key, value);
            }
        }
        return out;
    }

    private static String anyValue(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (Field f : fields(bytes)) {
            switch (f.number) {
                case 1, 7 -> out.append(new String(f.bytes, StandardCharsets.UTF_8));
                case 2, 3 -> out.append(f.value);
                case 4 -> out.append(Double.longBitsToDouble(f.value));
                default -> out.append(new String(f.bytes == null ? new byte[0] : f.bytes, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    /** One field of a protobuf message: its number and either its varint/fixed value or its bytes. */
    private record Field(int number, long value, byte[] bytes) {
    }

    private static List<Field> fields(byte[] message) {
        List<Field> out = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < message.length) {
            long tag = varint(message, pos);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> out.add(new Field(number, varint(message, pos), null));
                case 1 -> {
                    long v = 0;
                    for (int i = 7; i >= 0; i--) {
                        v = (v << 8) | (message[pos[0] + i] & 0xffL);
                    }
                    pos[0] += 8;
                    out.add(new Field(number, v, null));
                }
                case 2 -> {
                    int length = (int) varint(message, pos);
                    byte[] bytes = new byte[length];
                    System.arraycopy(message, pos[0], bytes, 0, length);
                    pos[0] += length;
                    out.add(new Field(number, 0, bytes));
                }
                case 5 -> {
                    long v = 0;
                    for (int i = 3; i >= 0; i--) {
                        v = (v << 8) | (message[pos[0] + i] & 0xffL);
                    }
                    pos[0] += 4;
                    out.add(new Field(number, v, null));
                }
                default -> throw new IllegalArgumentException("unsupported wire type in OTLP request");
            }
        }
        return out;
    }

    private static long varint(byte[] message, int[] pos) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = message[pos[0]++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("malformed varint");
    }
}
