package ai.automations.console.ui.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for the four services behind the console (unit scope: the console's own filters and templates are under
 * test; the real services are exercised by the e2e browser tests). Accepts the key {@code good-key} only.
 */
public class StubApi implements QuarkusTestResourceLifecycleManager {

    public static final String KEY = "good-key";
    static final String HOSTILE = "<script>window.xss=1</script>\"><img src=x onerror=\"window.xss=2\">";
    /** Where a test reads the body of the last automation {@code PUT} the stub accepted (no key needed). */
    public static final String LAST_PUT = "/stub/last-automation-put";
    /** A stored automation with a rate limit, a {@code where} expression and a field this console does not know. */
    public static final String AUTOMATION = "{\"id\":\"a1\",\"entity\":\"acme\",\"name\":\"gated-deploy\","
            + "\"enabled\":true,\"scope\":{\"type\":\"REGISTRY\",\"registry\":\"model\"},"
            + "\"event\":{\"type\":\"LINK_ARTIFACT\",\"filter\":{\"where\":{\"$and\":["
            + "{\"aliases\":{\"$contains\":\"candidate\"}},{\"metadata.accuracy\":{\"$gte\":0.9}}]}}},"
            + "\"action\":{\"type\":\"NO_OP\"},\"rateLimit\":{\"max\":10,\"perSeconds\":3600},"
            + "\"futureField\":{\"kept\":true},\"createdBy\":\"alice\",\"createdAt\":\"2026-12-01T10:00:00Z\"}";

    private static volatile String lastPut = "";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", StubApi::answer);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("automations.console.services.registry", url, "automations.console.services.trigger", url,
                "automations.console.services.action", url, "automations.console.services.secrets", url);
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (exchange.getRequestURI().getPath().equals(LAST_PUT)) {
            send(exchange, 200, lastPut);
            return;
        }
        if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"error\":\"UNAUTHORIZED\",\"message\":\"A valid API key is required.\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/api/v1/entities/acme/automations/a1")) {
            automation(exchange, body);
        } else if (exchange.getRequestMethod().equals("POST")) {
            send(exchange, 409,
                    "{\"error\":\"CONFLICT\",\"message\":\"Entity 'acme' already exists.\",\"field\":\"name\"}");
        } else if (path.equals("/api/v1/users/me")) {
            send(exchange, 200, "{\"name\":\"alice\"}");
        } else if (path.equals("/api/v1/entities")) {
            send(exchange, 200, "[{\"name\":\"acme\",\"role\":\"VIEWER\"}]");
        } else if (path.endsWith("/versions/v0")) {
            send(exchange, 200, "{\"id\":\"a1\",\"version\":\"v0\",\"versionString\":\"acme/model/fraud:v0\","
                    + "\"aliases\":[\"latest\",\"production\"],\"tags\":[],\"metadata\":{\"note\":"
                    + quote(HOSTILE) + "}}");
        } else if (path.matches(".*/runs/r[12]")) {
            send(exchange, 200, "{\"id\":\"r1\",\"name\":\"brave-owl\",\"state\":\"RUNNING\",\"config\":{}}");
        } else if (path.endsWith("/runs/r1/metrics")) {
            send(exchange, 200, "{\"metrics\":[{\"name\":\"loss\",\"count\":3,\"min\":0.5,\"max\":0.9,"
                    + "\"last\":{\"step\":2,\"value\":0.5}},{\"name\":" + quote(HOSTILE) + ",\"count\":1,"
                    + "\"min\":1,\"max\":1,\"last\":{\"step\":0,\"value\":1}}]}");
        } else if (path.endsWith("/runs/r1/history")) {
            send(exchange, 200, "{\"metrics\":{\"loss\":[{\"step\":0,\"value\":0.9},{\"step\":1,\"value\":0.7},"
                    + "{\"step\":2,\"value\":0.5}]," + quote(HOSTILE) + ":[{\"step\":0,\"value\":1}]}}");
        } else {
            send(exchange, 200, "[]");
        }
    }

    /** The stored automation; a {@code PUT} is refused as registry-service refuses a bad regex, else recorded. */
    private static void automation(HttpExchange exchange, String body) throws IOException {
        if (!exchange.getRequestMethod().equals("PUT")) {
            send(exchange, 200, AUTOMATION);
        } else if (body.contains("(unclosed")) {
            send(exchange, 422, "{\"error\":\"UNPROCESSABLE\",\"message\":\"is not a valid regular expression "
                    + "(RE2 syntax): missing closing )\",\"field\":\"event.filter.where.$and[0].alias.$regex\"}");
        } else {
            lastPut = body;
            send(exchange, 200, body);
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
