package ai.automations.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Four HTTP servers on free loopback ports standing in for the services: each answers with its name, what it
 * received, and the headers the API sends back, so a test sees exactly what passed through the front door.
 * {@code GET .../large?bytes=N} streams N bytes in chunks; {@code ?status=N} answers with that status.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    public static final String[] SERVICES = {"registry", "trigger", "action", "secrets"};

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new LinkedHashMap<>();
        for (String service : SERVICES) {
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(request -> answer(service, request))
                    .listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().join();
            config.put("automations.console.services." + service, "http://127.0.0.1:" + server.actualPort());
        }
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private static void answer(String service, HttpServerRequest request) {
        if (request.path().equals("/q/health/live")) {
            request.response().end("{\"status\":\"UP\"}");
            return;
        }
        if (request.path().equals("/q/openapi")) {
            request.response().putHeader("Content-Type", "application/json").end(openApi(service).toBuffer());
            return;
        }
        if (request.path().endsWith("/large")) {
            streamLarge(request, Long.parseLong(request.getParam("bytes")));
            return;
        }
        request.body().onSuccess(body -> {
            JsonObject echo = new JsonObject()
                    .put("service", service)
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("authorization", request.getHeader("Authorization"))
                    .put("contentType", request.getHeader("Content-Type"))
                    .put("bodyBytes", body.length())
                    .put("body", body.length() < 10_000 ? body.toString() : null);
            String status = request.getParam("status");
            request.response()
                    .setStatusCode(status == null ? 200 : Integer.parseInt(status))
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Next-Cursor", "cursor-" + service)
                    .putHeader("Location", "/api/v1/things/" + service)
                    .end(echo.toBuffer());
        });
    }

    private static void streamLarge(HttpServerRequest request, long bytes) {
        var response = request.response().setChunked(true).putHeader("Content-Type", "application/octet-stream");
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        long[] left = {bytes};
        Runnable[] writeMore = new Runnable[1];
        writeMore[0] = () -> {
            while (left[0] > 0 && !response.writeQueueFull()) {
                int n = (int) Math.min(chunk.length(), left[0]);
                response.write(n == chunk.length() ? chunk : chunk.getBuffer(0, n));
                left[0] -= n;
            }
            if (left[0] == 0) {
                response.end();
            } else {
                response.drainHandler(v -> writeMore[0].run());
            }
        };
        writeMore[0].run();
    }

    private static JsonObject openApi(String service) {
        String owned = switch (service) {
            case "registry" -> "/api/v1/entities/{entity}/automations/{id}";
            case "trigger" -> "/api/v1/entities/{entity}/automations/{id}/dry-run";
            case "action" -> "/api/v1/executions/{id}";
            default -> "/api/v1/entities/{entity}/secrets";
        };
        JsonObject operation = new JsonObject().put("summary", service + " operation")
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OK")));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", service).put("version", "0.1.0"))
                .put("paths", new JsonObject()
                        .put(owned, new JsonObject().put("get", operation))
                        .put("/internal/v1/" + service, new JsonObject().put("get", operation)))
                .put("components", new JsonObject().put("schemas", new JsonObject()
                        .put("ApiError", new JsonObject().put("type", "object"))
                        .put(service + "Thing", new JsonObject().put("type", "object"))))
                .put("tags", new JsonArray().add(new JsonObject().put("name", service)));
    }
}
