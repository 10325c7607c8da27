package ai.automations.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * The webhook endpoint of the latency benches: tells when the webhook about a run (a body whose {@code run} names it)
 * arrived, on this JVM's clock, for a run it was told to expect. Any other POST (a floor's) is answered 204 too.
 */
final class RunHookReceiver implements AutoCloseable {

    private final Map<String, CompletableFuture<Instant>> expected = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    private RunHookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.createContext("/", exchange -> {
            Instant now = Instant.now();
            try (InputStream in = exchange.getRequestBody()) {
                JsonNode body = ApiClient.read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                CompletableFuture<Instant> hook = body.has("run") ? expected.remove(body.get("run").asText()) : null;
                if (hook != null) {
                    hook.complete(now);
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
    }

    static RunHookReceiver start() throws IOException {
        return new RunHookReceiver();
    }

    /** Completes with the arrival time of the webhook about {@code run}. */
    CompletableFuture<Instant> expect(String run) {
        return expected.computeIfAbsent(run, r -> new CompletableFuture<>());
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The URL the benches' integration sends to. */
    String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
