package ai.automations.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.restassured.response.Response;

/**
 * The whole public API through one base URL, the console's front door, against the packaged suite: every path family
 * of the contract reaches the service that owns it with its method, status, headers and body intact, a large batch
 * goes through, and nothing but {@code /api/v1} of the services is exposed.
 */
class FrontDoorIT {

    private static final String DOOR = Suite.CONSOLE;
    private static final String E = "frontdoor";
    private static final String EP = "/api/v1/entities/" + E;

    private static Suite suite;
    private static ApiClient admin;
    private static WireMockServer receiver;

    @BeforeAll
    static void start() {
        suite = Suite.get();
        admin = new ApiClient(suite, suite.adminKey());
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200).withBody("received")));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @Test
    void everyPathFamilyOfTheApiWorksThroughTheFrontDoor() {
        // Users, API keys, entities and members (registry-service).
        String userKey = admin.created(DOOR, "/api/v1/users", Map.of("name", "frontdoor-viewer")).get("apiKey").asText();
        ApiClient viewer = new ApiClient(suite, userKey);
        JsonNode extraKey = viewer.created(DOOR, "/api/v1/api-keys", Map.of());
        assertThat(viewer.delete(DOOR, "/api/v1/api-keys/" + extraKey.get("id").asText()).statusCode()).isEqualTo(204);
        admin.created(DOOR, "/api/v1/entities", Map.of("name", E));
        admin.created(DOOR, "/api/v1/entities", Map.of("name", E + "-2"));
        admin.addMember(E, "frontdoor-viewer", "VIEWER");
        assertThat(admin.ok(DOOR, EP + "/members").toString()).contains("frontdoor-viewer");

        // Projects, registries, collections, artifacts, links, aliases and tags (registry-service).
        admin.created(DOOR, EP + "/projects", Map.of("name", "fraud"));
        admin.created(DOOR, EP + "/registries", Map.of("name", "model"));
        admin.created(DOOR, EP + "/registries/model/collections", Map.of("name", "detector", "type", "model"));
        String artifactId = admin.created(DOOR, EP + "/projects/fraud/artifacts",
                Map.of("collection", "net", "type", "model", "metadata", Map.of("accuracy", 0.9))).get("id").asText();
        assertThat(admin.ok(DOOR, "/api/v1/artifacts/" + artifactId).get("metadata").get("accuracy").asDouble()).isEqualTo(0.9);
        String version = admin.created(DOOR, EP + "/registries/model/collections/detector/links",
                Map.of("artifactId", artifactId)).get("version").asText();
        String versionPath = EP + "/registries/model/collections/detector/versions/" + version;
        ApiClient.expect(200, admin.post(DOOR, versionPath + "/tags", Map.of("tag", "candidate")), "tag");
        assertThat(admin.delete(DOOR, versionPath + "/tags/candidate").statusCode()).isEqualTo(204);
        assertThat(admin.ok(DOOR, versionPath).get("aliases").toString()).doesNotContain("production");

        // Runs, their state and a large history batch (registry-service).
        admin.created(DOOR, EP + "/projects/fraud/runs", Map.of("id", "run-1", "name", "first"));
        List<Map<String, Object>> points = new ArrayList<>();
        for (int step = 0; step < 10_000; step++) {
            points.add(Map.of("step", step, "metrics", Map.of("loss", 1.0 / (step + 1), "accuracy", step / 10_000.0)));
        }
        String batch = ApiClient.write(points);
        assertThat(batch.length()).isGreaterThan(500_000);
        assertThat(admin.post(DOOR, EP + "/projects/fraud/runs/run-1/history", batch).statusCode()).isEqualTo(202);
        ApiClient.expect(200, admin.call(DOOR, "PATCH", EP + "/projects/fraud/runs/run-1", Map.of("state", "FINISHED")), "finish");

        // Secrets (secrets-service): Location of the created secret, rotation, names without values.
        Response createdSecret = admin.post(DOOR, EP + "/secrets", Map.of("name", "CI_TOKEN", "value", "tok-frontdoor-1"));
        assertThat(createdSecret.statusCode()).isEqualTo(201);
        assertThat(createdSecret.header("Location")).endsWith(EP + "/secrets/CI_TOKEN");
        assertThat(admin.put(DOOR, EP + "/secrets/CI_TOKEN", Map.of("value", "tok-frontdoor-2")).jsonPath().getInt("version"))
                .isEqualTo(2);
        assertThat(admin.ok(DOOR, EP + "/secrets").toString()).contains("CI_TOKEN").doesNotContain("tok-frontdoor");

        // Integrations (registry-service) and their test call (action-service).
        admin.created(DOOR, EP + "/integrations", Map.of("kind", "webhook", "name", "ci",
                "url", receiver.baseUrl() + "/hook", "accessTokenSecret", "CI_TOKEN"));
        JsonNode test = ApiClient.expect(200, admin.post(DOOR, EP + "/integrations/ci/test", Map.of()), "integration test");
        assertThat(test.get("statusCode").asInt()).isEqualTo(200);
        assertThat(test.get("body").asText()).isEqualTo("received");

        // Automations (registry-service), their dry-run (trigger-service) and the enabled switch.
        String automationId = admin.created(DOOR, EP + "/automations", Map.of(
                "name", "deploy-on-production",
                "scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "detector"),
                "event", Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", "^production$")),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "ci",
                        "payload", Map.of("version", "${artifact_version_string}", "token", "${ACCESS_TOKEN}"))))
                .get("id").asText();
        assertThat(admin.ok(DOOR, EP + "/automations").toString()).contains(automationId);
        JsonNode dryRun = ApiClient.expect(200, admin.post(DOOR, EP + "/automations/" + automationId + "/dry-run",
                Map.of("event", aliasEvent("frontdoor-dry-run", version))), "dry-run");
        assertThat(dryRun.get("matched").asBoolean()).isTrue();
        assertThat(dryRun.get("renderedPayload").get("token").asText()).isEqualTo("***");

        // Events from an external platform (trigger-service) and the alias that fires the automation.
        assertThat(admin.post(DOOR, "/api/v1/events", aliasEvent("frontdoor-ingest", version)).statusCode()).isEqualTo(202);
        // CloudEvents binary mode (ce-* headers, the data as the body) and a batch pass the door with their headers
        // and content type: without them trigger-service would refuse the body as an event (400).
        Map<String, Object> staging = new LinkedHashMap<>(aliasEventData(version));
        staging.put("alias", "staging");
        Response binaryMode = given().baseUri(suite.url(DOOR)).header("Authorization", "Bearer " + suite.adminKey())
                .header("ce-specversion", "1.0").header("ce-id", "frontdoor-binary").header("ce-source", "/e2e/front-door")
                .header("ce-type", "ai.automations.ADD_ARTIFACT_ALIAS").contentType("application/json")
                .body(ApiClient.write(staging)).post("/api/v1/events");
        assertThat(binaryMode.statusCode()).as(binaryMode.asString()).isEqualTo(202);
        assertThat(binaryMode.jsonPath().getList("ids")).containsExactly("frontdoor-binary");
        Map<String, Object> batched = new LinkedHashMap<>(aliasEvent("frontdoor-batch-2", version));
        batched.put("data", staging);
        Response eventBatch = given().baseUri(suite.url(DOOR)).header("Authorization", "Bearer " + suite.adminKey())
                .contentType("application/cloudevents-batch+json")
                .body(ApiClient.write(List.of(Map.of("specversion", "1.0", "id", "frontdoor-batch-1",
                        "source", "/e2e/front-door", "type", "ai.automations.ADD_ARTIFACT_ALIAS", "data", staging), batched)))
                .post("/api/v1/events");
        assertThat(eventBatch.statusCode()).as(eventBatch.asString()).isEqualTo(202);
        assertThat(eventBatch.jsonPath().getList("ids")).containsExactly("frontdoor-batch-1", "frontdoor-batch-2");
        ApiClient.expect(200, admin.post(DOOR, versionPath + "/aliases", Map.of("alias", "production")), "alias");

        // Executions (action-service): history, one execution, redelivery.
        String executions = EP + "/automations/" + automationId + "/executions";
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode list = admin.ok(DOOR, executions);
            return list.size() >= 1 && "FINISHED".equals(list.get(0).get("status").asText());
        });
        String executionId = admin.ok(DOOR, executions).get(0).get("id").asText();
        JsonNode execution = admin.ok(DOOR, "/api/v1/executions/" + executionId);
        assertThat(execution.get("request").toString()).contains("***").doesNotContain("tok-frontdoor");
        assertThat(admin.post(DOOR, "/api/v1/executions/" + executionId + "/redeliver", null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).size() >= 3);

        // A service's refusal reaches the caller as it is: the secret is still referenced by the integration.
        Response refused = admin.delete(DOOR, EP + "/secrets/CI_TOKEN");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.jsonPath().getString("error")).isEqualTo("CONFLICT");

        // The viewer's key passes through too, and the services apply its role.
        assertThat(viewer.ok(DOOR, EP + "/automations").toString()).contains(automationId);
        assertThat(viewer.post(DOOR, EP + "/secrets", Map.of("name", "X", "value", "y")).statusCode()).isEqualTo(403);
    }

    @Test
    void listsKeepTheirNextCursor() {
        admin.created(DOOR, "/api/v1/entities", Map.of("name", "frontdoor-page-1"));
        admin.created(DOOR, "/api/v1/entities", Map.of("name", "frontdoor-page-2"));
        Response first = admin.get(DOOR, "/api/v1/entities?limit=1");
        assertThat(first.statusCode()).isEqualTo(200);
        String cursor = first.header("X-Next-Cursor");
        assertThat(cursor).isNotBlank();
        Response second = admin.get(DOOR, "/api/v1/entities?limit=1&cursor=" + cursor);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.asString()).isNotEqualTo(first.asString());
    }

    @Test
    void callsWithoutAKeyAreRefusedByTheServiceAsJson() {
        Response anonymous = new ApiClient(suite, null).get(DOOR, "/api/v1/entities");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.jsonPath().getString("error")).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void unknownRoutesAreAJsonNotFound() {
        Response outsideTheApi = admin.get(DOOR, "/api/v2/entities");
        assertThat(outsideTheApi.statusCode()).isEqualTo(404);
        assertThat(outsideTheApi.contentType()).startsWith("application/json");
        assertThat(outsideTheApi.jsonPath().getString("error")).isEqualTo("NOT_FOUND");

        Response unknownInTheApi = admin.get(DOOR, "/api/v1/no-such-thing");
        assertThat(unknownInTheApi.statusCode()).isEqualTo(404);
        assertThat(unknownInTheApi.contentType()).startsWith("application/json");
    }

    @Test
    void internalEndpointsAreNotReachableEvenWithAServiceToken() {
        String introspection = "{\"apiKey\":\"" + suite.adminKey() + "\"}";
        Response direct = given().baseUri(suite.url("registry-service"))
                .header("Authorization", "Bearer " + suite.serviceToken("trigger-service"))
                .contentType("application/json").body(introspection).post("/internal/v1/auth/introspect");
        Response throughTheDoor = given().baseUri(suite.url(DOOR))
                .header("Authorization", "Bearer " + suite.serviceToken("trigger-service"))
                .contentType("application/json").body(introspection).post("/internal/v1/auth/introspect");
        assertThat(direct.statusCode()).as("the same call straight to the service: %s", direct.asString()).isEqualTo(200);
        assertThat(throughTheDoor.statusCode()).isIn(404, 405);
        assertThat(throughTheDoor.asString()).doesNotContain(direct.asString());
    }

    @Test
    void theMergedOpenApiDescribesEveryServicesPublicPathsAndNoInternalOnes() {
        JsonNode paths = ApiClient.read(given().baseUri(suite.url(DOOR)).get("/openapi").then().statusCode(200)
                .extract().asString()).get("paths");
        List<String> names = new ArrayList<>();
        paths.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("/api/v1/entities/{entity}/automations", "/api/v1/events",
                "/api/v1/executions/{id}", "/api/v1/entities/{entity}/secrets");
        assertThat(names).allMatch(p -> p.startsWith("/api/v1"));
        given().baseUri(suite.url(DOOR)).get("/swagger-ui/").then().statusCode(200);
    }

    @Test
    void readyAndCountingCallsPerService() {
        admin.ok(DOOR, "/api/v1/entities");
        given().baseUri(suite.url(DOOR)).get("/q/health/ready").then().statusCode(200);
        String metrics = given().baseUri(suite.url(DOOR)).get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("automations_console_proxy_requests_seconds_count\\{[^}]*service=\"registry\"");
    }

    private static Map<String, Object> aliasEvent(String id, String version) {
        return Map.of("specversion", "1.0", "id", id, "source", "/e2e/front-door",
                "type", "ai.automations.ADD_ARTIFACT_ALIAS", "data", aliasEventData(version));
    }

    private static Map<String, Object> aliasEventData(String version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("entity", E);
        data.put("registry", "model");
        data.put("collection", "detector");
        data.put("version", version);
        data.put("versionIndex", 0);
        data.put("alias", "production");
        return data;
    }
}
