package ai.automations.console.ui.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.console.config.ConsoleConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The console's way to the public API: every page is a thin view over {@code /api/v1} calls made with the signed-in
 * user's own key, so the services decide what the user may see and do; the console holds no data and no privilege.
 */
@ApplicationScoped
public class ApiClient {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    private final WebClient client;
    private final ConsoleConfig config;
    private final ObjectMapper json;

    public ApiClient(Vertx vertx, ConsoleConfig config, ObjectMapper json) {
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setUserAgent("automations-console").setConnectTimeout(5_000).setIdleTimeout(30));
        this.config = config;
        this.json = json;
    }

    public Uni<ApiResult> get(String apiKey, Service service, String path) {
        return call(apiKey, service, HttpMethod.GET, path, null);
    }

    /** A JSON object answer as a map, ready for a template. */
    public Uni<Map<String, Object>> getObject(String apiKey, Service service, String path) {
        return get(apiKey, service, path).map(r -> json.convertValue(r.body(), MAP));
    }

    /** A JSON array answer as a list of maps (the first page of a list; see {@link ApiResult#nextCursor()}). */
    public Uni<List<Map<String, Object>>> getList(String apiKey, Service service, String path) {
        return get(apiKey, service, path).map(r -> r.body() == null ? List.of() : json.convertValue(r.body(), LIST));
    }

    public Uni<ApiResult> send(String apiKey, Service service, HttpMethod method, String path, Object body) {
        return call(apiKey, service, method, path, body);
    }

    /** An answer's JSON object as a map. */
    public Map<String, Object> asMap(JsonNode body) {
        return body == null ? Map.of() : json.convertValue(body, MAP);
    }

    private Uni<ApiResult> call(String apiKey, Service service, HttpMethod method, String path, Object body) {
        HttpRequest<Buffer> request = client.requestAbs(method, service.baseUrl(config) + path)
                .putHeader("Authorization", "Bearer " + apiKey)
                .putHeader("Accept", "application/json");
        Uni<HttpResponse<Buffer>> answer;
        if (body == null) {
            answer = request.send();
        } else {
            Object content = body instanceof Map<?, ?> map ? withoutNulls(map) : body;
            Buffer payload;
            try {
                payload = Buffer.buffer(json.writeValueAsBytes(content));
            } catch (Exception e) {
                return Uni.createFrom().failure(new ApiCallException(400, "BAD_REQUEST",
                        "The request could not be written as JSON.", null));
            }
            answer = request.putHeader("Content-Type", "application/json").sendBuffer(payload);
        }
        return answer
                .onFailure().transform(e -> new ApiCallException(502, "UNAVAILABLE",
                        "The " + service.name().toLowerCase() + " service could not be reached.", null))
                .map(this::result);
    }

    private ApiResult result(HttpResponse<Buffer> response) {
        JsonNode body = parse(response.bodyAsBuffer());
        int status = response.statusCode();
        if (status >= 400) {
            throw new ApiCallException(status, text(body, "error", "HTTP_" + status),
                    text(body, "message", "The service answered " + status + "."), text(body, "field", null));
        }
        return new ApiResult(status, body, response.getHeader("X-Next-Cursor"));
    }

    private JsonNode parse(Buffer buffer) {
        if (buffer == null || buffer.length() == 0) {
            return null;
        }
        try {
            return json.readTree(buffer.getBytes());
        } catch (Exception e) {
            return null;
        }
    }

    /** Absent rather than null: the API then applies its default. */
    private static Map<Object, Object> withoutNulls(Map<?, ?> map) {
        Map<Object, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    private static String text(JsonNode body, String field, String fallback) {
        return body != null && body.hasNonNull(field) ? body.get(field).asText() : fallback;
    }
}
