package ai.automations.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The suite's public API as one caller sees it: every call carries that caller's API key (or none), and every answer
 * can be kept (the leak test reads back everything it was told).
 */
final class ApiClient {

    static final String REGISTRY = "registry-service";
    static final String TRIGGER = "trigger-service";
    static final String ACTION = "action-service";
    static final String SECRETS = "secrets-service";

    static final ObjectMapper JSON = new ObjectMapper();

    private final Suite suite;
    private final String apiKey;
    private final List<String> answers;
    private final boolean frontDoor;

    ApiClient(Suite suite, String apiKey) {
        this(suite, apiKey, null, false);
    }

    private ApiClient(Suite suite, String apiKey, List<String> answers, boolean frontDoor) {
        this.suite = suite;
        this.apiKey = apiKey;
        this.answers = answers;
        this.frontDoor = frontDoor;
    }

    /** The suite's bootstrap admin, starting the suite if it is not running. */
    static ApiClient admin() {
        Suite suite = Suite.get();
        return new ApiClient(suite, suite.adminKey());
    }

    /** The same caller, adding the status, headers and body of every answer to {@code answers}. */
    ApiClient recordingInto(List<String> answers) {
        return new ApiClient(suite, apiKey, answers, frontDoor);
    }

    /** The same caller, sending every call to the console's front door instead of the service that owns it. */
    ApiClient viaFrontDoor() {
        return new ApiClient(suite, apiKey, answers, true);
    }

    /** A key in the right format that registry-service never issued. */
    static String unknownKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "ak_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code body}: null for none, a String sent as it is (even when it is not JSON), anything else as JSON. */
    Response call(String service, String method, String path, Object body) {
        RequestSpecification spec = given().baseUri(suite.url(frontDoor ? Suite.CONSOLE : service))
                .contentType(ContentType.JSON);
        if (apiKey != null) {
            spec.header("Authorization", "Bearer " + apiKey);
        }
        if (body != null) {
            spec.body(body instanceof String text ? text : write(body));
        }
        Response response = spec.request(method, path);
        if (answers != null) {
            synchronized (answers) {
                answers.add(method + " " + service + path + " -> " + response.statusCode() + "\n"
                        + response.getHeaders() + "\n" + response.asString());
            }
        }
        return response;
    }

    Response get(String service, String path) {
        return call(service, "GET", path, null);
    }

    Response post(String service, String path, Object body) {
        return call(service, "POST", path, body);
    }

    Response put(String service, String path, Object body) {
        return call(service, "PUT", path, body);
    }

    Response delete(String service, String path) {
        return call(service, "DELETE", path, null);
    }

    /** POSTs and requires 201; the created resource. */
    JsonNode created(String service, String path, Object body) {
        return expect(201, post(service, path, body), "POST " + path);
    }

    /** GETs and requires 200. */
    JsonNode ok(String service, String path) {
        return expect(200, get(service, path), "GET " + path);
    }

    static JsonNode expect(int status, Response response, String what) {
        assertThat(response.statusCode()).as("%s -> %s", what, response.asString()).isEqualTo(status);
        return read(response.asString());
    }

    static JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            return ApiClient.JSON.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Creates a user as the bootstrap admin; its API key. */
    String createUser(String name) {
        return created(REGISTRY, "/api/v1/users", Map.of("name", name)).get("apiKey").asText();
    }

    /** Gives {@code user} a role in {@code entity} (the caller must be the entity's admin). */
    void addMember(String entity, String user, String role) {
        Response response = post(REGISTRY, "/api/v1/entities/" + entity + "/members", Map.of("user", user, "role", role));
        assertThat(response.statusCode()).as("add %s to %s -> %s", user, entity, response.asString()).isIn(200, 201);
    }
}
