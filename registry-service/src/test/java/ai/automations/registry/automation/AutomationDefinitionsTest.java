package ai.automations.registry.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.event.Topics;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.SecretsDouble;
import ai.automations.registry.support.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every change of an automation publishes its normalised definition (or a tombstone) keyed by its id. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class AutomationDefinitionsTest {

    private final TopicReader definitions = TopicReader.shared(Topics.DEFINITIONS);
    private final Api admin = Api.admin();

    @Test
    void createUpdatePatchAndDeleteArePublishedInOrderAndDeleteIsATombstone() {
        String e = admin.entity("defs");
        admin.registry(e, "model");
        admin.post("/api/v1/entities/" + e + "/integrations", Map.of("kind", "webhook", "name", "ci",
                "url", "http://127.0.0.1:9/hook")).statusCode(201);
        String base = "/api/v1/entities/" + e + "/automations";
        Map<String, Object> body = new HashMap<>(Map.of("name", "deploy-on-production",
                "scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "fraud"),
                "event", Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", "^production$")),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "ci",
                        "payload", Map.of("event", "${event_type}", "token", "${ACCESS_TOKEN}"))));
        String id = admin.post(base, body).statusCode(201).body("enabled", equalTo(true))
                .body("entity", equalTo(e)).body("createdBy", equalTo("admin")).extract().path("id");

        body.put("description", "now described");
        admin.put(base + "/" + id, body).statusCode(200).body("description", equalTo("now described"));
        admin.patch(base + "/" + id, Map.of("enabled", false)).statusCode(200).body("enabled", equalTo(false))
                .body("name", equalTo("deploy-on-production"));
        admin.get(base + "/" + id).statusCode(200).body("enabled", equalTo(false));
        given().header("Authorization", "Bearer local-action-service-token").get("/internal/v1/automations/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("enabled", equalTo(false));
        admin.delete(base + "/" + id).statusCode(204);
        admin.get(base + "/" + id).statusCode(404);
        given().header("Authorization", "Bearer local-action-service-token").get("/internal/v1/automations/" + id)
                .then().statusCode(404);

        List<ConsumerRecord<String, String>> records = definitions.await(r -> id.equals(r.key()), 4);
        assertThat(records).hasSize(4);
        JsonNode created = TopicReader.json(records.get(0));
        assertThat(created.get("id").asText()).isEqualTo(id);
        assertThat(created.get("entity").asText()).isEqualTo(e);
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(created.get("scope").get("type").asText()).isEqualTo("ARTIFACT_COLLECTION");
        assertThat(created.get("scope").get("registry").asText()).isEqualTo("model");
        assertThat(created.get("scope").get("collection").asText()).isEqualTo("fraud");
        assertThat(created.get("scope").has("project")).isFalse();
        assertThat(created.get("event").get("type").asText()).isEqualTo("ADD_ARTIFACT_ALIAS");
        assertThat(created.get("event").get("filter").get("aliasRegex").asText()).isEqualTo("^production$");
        assertThat(created.get("action").get("type").asText()).isEqualTo("GENERIC_WEBHOOK");
        assertThat(created.get("action").get("integration").asText()).isEqualTo("ci");
        assertThat(created.get("action").get("payload").get("token").asText()).isEqualTo("${ACCESS_TOKEN}");
        assertThat(TopicReader.json(records.get(1)).get("description").asText()).isEqualTo("now described");
        assertThat(TopicReader.json(records.get(2)).get("enabled").asBoolean()).isFalse();
        assertThat(records.get(3).value()).isNull();
    }

    @Test
    void definitionsCarryEveryDefaultFilledIn() {
        String e = admin.entity("norm");
        admin.project(e, "p");
        String base = "/api/v1/entities/" + e + "/automations";
        Map<String, Object> projectScope = Map.of("type", "PROJECT", "project", "p");
        Map<String, Object> noop = Map.of("type", "NO_OP");

        JsonNode threshold = published(admin.post(base, automation("t", projectScope, "RUN_METRIC_THRESHOLD",
                Map.of("metric", "loss", "cmp", "<", "threshold", 0.2), noop)).statusCode(201)
                .body("event.filter.agg", equalTo("AVERAGE")).body("event.filter.window", equalTo(5))
                .extract().path("id"));
        assertThat(threshold.get("event").get("filter").get("agg").asText()).isEqualTo("AVERAGE");
        assertThat(threshold.get("event").get("filter").get("window").asInt()).isEqualTo(5);
        assertThat(threshold.get("event").get("filter").get("cmp").asText()).isEqualTo("<");
        assertThat(threshold.get("event").get("filter").get("threshold").asDouble()).isEqualTo(0.2);

        Map<String, Object> latest = new HashMap<>(Map.of("metric", "loss", "cmp", ">=", "threshold", 1));
        latest.put("agg", null);
        JsonNode latestValue = published(admin.post(base, automation("l", projectScope, "RUN_METRIC_THRESHOLD",
                latest, noop)).statusCode(201).extract().path("id"));
        assertThat(latestValue.get("event").get("filter").get("agg").asText()).isEqualTo("LATEST");

        JsonNode change = published(admin.post(base, automation("c", Map.of("type", "ENTITY"), "RUN_METRIC_CHANGE",
                Map.of("metric", "accuracy", "changeDir", "DECREASE", "amount", 0.2), noop)).statusCode(201)
                .extract().path("id")).get("event").get("filter");
        assertThat(change.get("agg").asText()).isEqualTo("AVERAGE");
        assertThat(change.get("currentWindow").asInt()).isEqualTo(10);
        assertThat(change.get("priorWindow").asInt()).isEqualTo(50);
        assertThat(change.get("changeType").asText()).isEqualTo("RELATIVE");
        assertThat(change.get("changeDir").asText()).isEqualTo("DECREASE");
        assertThat(change.get("amount").asDouble()).isEqualTo(0.2);

        JsonNode zscore = published(admin.post(base, automation("z", projectScope, "RUN_METRIC_ZSCORE",
                Map.of("metric", "system/cpu", "runNameRegex", "^sweep-", "user", "alice"), noop)).statusCode(201)
                .extract().path("id")).get("event").get("filter");
        assertThat(zscore.get("window").asInt()).isEqualTo(30);
        assertThat(zscore.get("threshold").asDouble()).isEqualTo(3.0);
        assertThat(zscore.get("changeDir").asText()).isEqualTo("ANY");
        assertThat(zscore.get("runNameRegex").asText()).isEqualTo("^sweep-");
        assertThat(zscore.get("user").asText()).isEqualTo("alice");
        assertThat(zscore.has("agg")).isFalse();

        JsonNode states = published(admin.post(base, automation("s", projectScope, "RUN_STATE",
                Map.of("states", List.of("CRASHED", "FINISHED", "FAILED")), noop)).statusCode(201)
                .body("event.filter.states", contains("FINISHED", "FAILED")).extract().path("id"))
                .get("event").get("filter");
        assertThat(states.get("states")).extracting(JsonNode::asText).containsExactly("FINISHED", "FAILED");

        JsonNode create = published(admin.post(base, automation("a",
                Map.of("type", "ARTIFACT_COLLECTION", "project", "p", "collection", "later"), "CREATE_ARTIFACT",
                null, noop)).statusCode(201).extract().path("id"));
        assertThat(create.get("event").get("filter").isObject()).isTrue();
        assertThat(create.get("action").has("integration")).isFalse();
    }

    @Test
    void listFiltersNarrowByScopeAndEnabled() {
        String e = admin.entity("list");
        admin.project(e, "p");
        admin.registry(e, "r");
        String base = "/api/v1/entities/" + e + "/automations";
        Map<String, Object> tagEvent = Map.of("type", "ADD_ARTIFACT_TAG", "filter", Map.of("tagRegex", "x"));
        admin.post(base, Map.of("name", "a-entity", "scope", Map.of("type", "ENTITY"), "event", tagEvent,
                "action", Map.of("type", "NO_OP"))).statusCode(201);
        admin.post(base, Map.of("name", "b-project", "scope", Map.of("type", "PROJECT", "project", "p"),
                "event", tagEvent, "action", Map.of("type", "NO_OP"), "enabled", false)).statusCode(201);
        admin.post(base, Map.of("name", "c-registry", "scope", Map.of("type", "REGISTRY", "registry", "r"),
                "event", tagEvent, "action", Map.of("type", "NO_OP"))).statusCode(201);
        admin.post(base, Map.of("name", "d-collection", "scope", Map.of("type", "ARTIFACT_COLLECTION",
                "registry", "r", "collection", "c"), "event", tagEvent, "action", Map.of("type", "NO_OP")))
                .statusCode(201);

        admin.get(base).body("name", contains("a-entity", "b-project", "c-registry", "d-collection"));
        admin.get(base + "?scopeType=PROJECT").body("name", contains("b-project"));
        admin.get(base + "?registry=r").body("name", contains("c-registry", "d-collection"));
        admin.get(base + "?registry=r&collection=c").body("name", contains("d-collection"));
        admin.get(base + "?project=p").body("name", contains("b-project"));
        admin.get(base + "?enabled=false").body("name", contains("b-project"));
        admin.get(base + "?enabled=true&scopeType=ENTITY").body("name", contains("a-entity"));
        admin.get(base + "?scopeType=GALAXY").statusCode(400).body("field", equalTo("scopeType"));
        admin.get(base + "?enabled=maybe").statusCode(400).body("field", equalTo("enabled"));

        var first = admin.get(base + "?limit=3").statusCode(200).body("name",
                contains("a-entity", "b-project", "c-registry")).extract();
        String cursor = first.header("X-Next-Cursor");
        assertThat(cursor).isNotBlank();
        var second = admin.get(base + "?limit=3&cursor=" + cursor).statusCode(200)
                .body("name", contains("d-collection")).extract();
        assertThat(second.header("X-Next-Cursor")).isNull();
        admin.get(base + "?limit=0").statusCode(400).body("field", equalTo("limit"));
        admin.get(base + "?cursor=%25%25").statusCode(400).body("field", equalTo("cursor"));
    }

    private JsonNode published(String id) {
        return TopicReader.json(definitions.await(r -> id.equals(r.key()), 1).get(0));
    }

    static Map<String, Object> automation(String name, Map<String, Object> scope, String type,
            Map<String, Object> filter, Map<String, Object> action) {
        Map<String, Object> event = new HashMap<>();
        event.put("type", type);
        if (filter != null) {
            event.put("filter", filter);
        }
        return Map.of("name", name, "scope", scope, "event", event, "action", action);
    }
}
