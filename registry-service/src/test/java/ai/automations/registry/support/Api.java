package ai.automations.registry.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** REST calls as a given API key, and fixtures the tests share. */
public final class Api {

    /** The bootstrap admin's key in the test profile. */
    public static final String ADMIN_KEY = "test-bootstrap-admin-key";

    private final String key;

    private Api(String key) {
        this.key = key;
    }

    public static Api as(String key) {
        return new Api(key);
    }

    public static Api admin() {
        return new Api(ADMIN_KEY);
    }

    public RequestSpecification request() {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    public ValidatableResponse post(String path, Object body) {
        return request().body(body).post(path).then();
    }

    public ValidatableResponse put(String path, Object body) {
        return request().body(body).put(path).then();
    }

    public ValidatableResponse patch(String path, Object body) {
        return request().body(body).patch(path).then();
    }

    public ValidatableResponse get(String path) {
        return request().get(path).then();
    }

    public ValidatableResponse delete(String path) {
        return request().delete(path).then();
    }

    /** A name no other test uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates an entity (the caller becomes its ADMIN) and returns its name. */
    public String entity(String prefix) {
        String name = unique(prefix);
        post("/api/v1/entities", Map.of("name", name)).statusCode(201);
        return name;
    }

    public void project(String entity, String project) {
        post("/api/v1/entities/" + entity + "/projects", Map.of("name", project)).statusCode(201);
    }

    public void registry(String entity, String registry) {
        post("/api/v1/entities/" + entity + "/registries", Map.of("name", registry)).statusCode(201);
    }

    public void registryCollection(String entity, String registry, String collection, String type) {
        post("/api/v1/entities/" + entity + "/registries/" + registry + "/collections",
                Map.of("name", collection, "type", type)).statusCode(201);
    }

    /** Creates an artifact and returns its id. */
    public String artifact(String entity, String project, String collection, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("collection", collection);
        body.putIfAbsent("type", "model");
        return post("/api/v1/entities/" + entity + "/projects/" + project + "/artifacts", body).statusCode(201)
                .extract().path("id");
    }
}
