package ai.automations.trigger.ingest;

import static ai.automations.trigger.support.Fixtures.artifactData;
import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.projectCollection;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.auth.Role;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.RunState;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.support.Fixtures;
import ai.automations.trigger.support.Kafka;
import ai.automations.trigger.support.Pipeline;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code POST /api/v1/events}: validation, authorisation, and events that reach the topic and trigger automations. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class EventIngestResourceTest {

    private static final String MEMBER = RegistryDouble.keyFor(Role.MEMBER, "acme");

    @Inject
    AutomationCatalog catalog;

    private static ObjectNode alias(String collection, String alias) {
        CloudEvent event = Fixtures.event(EventType.ADD_ARTIFACT_ALIAS, artifactData("acme", "ingest", null, collection, alias, null));
        return Kafka.JSON.valueToTree(event);
    }

    private static io.restassured.response.ValidatableResponse post(String key, Object body) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(body.toString())
                .when().post("/api/v1/events").then();
    }

    @Test
    void acceptedEventsArePublishedUnderTheContractKeyAndTriggerAutomations() {
        String collection = Fixtures.unique("c");
        AutomationDefinition automation = automation("acme", projectCollection("ingest", collection),
                EventType.ADD_ARTIFACT_ALIAS, EventFilter.aliasRegex("^prod"), true);
        Pipeline.define(catalog, automation);
        ObjectNode single = alias(collection, "production");
        post(MEMBER, single).statusCode(202).body("accepted", equalTo(1)).body("ids", hasSize(1));

        ArrayNode batch = Kafka.JSON.createArrayNode();
        ObjectNode second = alias(collection, "prod-eu");
        batch.add(second);
        batch.add(Kafka.JSON.valueToTree(Fixtures.runStateEvent("acme", "ingest", "run-1", "train", "bob", RunState.FINISHED)));
        post(MEMBER, batch).statusCode(202).body("accepted", equalTo(2));

        Pipeline.awaitEventsEvaluated();
        List<ActionRequest> fired = Pipeline.kafka().actionsFor(automation.id());
        assertThat(fired).extracting(r -> r.event().id())
                .containsExactlyInAnyOrder(single.get("id").asText(), second.get("id").asText());
        assertThat(fired.get(0).event().data().get("collection").asText()).isEqualTo(collection);
    }

    /** An external platform reports a run it started: RUN_STATE RUNNING is accepted and triggers RUNNING automations. */
    @Test
    void externalRunningRunsAreAcceptedAndTriggerAutomations() {
        String project = Fixtures.unique("p");
        AutomationDefinition started = automation("acme", Fixtures.projectScope(project), EventType.RUN_STATE,
                Fixtures.runState(List.of(RunState.RUNNING), null, null), true);
        Pipeline.define(catalog, started);
        ObjectNode running = Kafka.JSON.valueToTree(Fixtures.runStateEvent("acme", project, "run-9", "train", "bob",
                RunState.RUNNING));
        post(MEMBER, running).statusCode(202).body("accepted", equalTo(1));
        Pipeline.awaitEventsEvaluated();
        assertThat(Pipeline.kafka().actionsFor(started.id())).extracting(r -> r.event().id())
                .containsExactly(running.get("id").asText());
    }

    @Test
    void aBatchWithOneBadEventPublishesNothing() {
        String collection = Fixtures.unique("c");
        AutomationDefinition automation = automation("acme", projectCollection("ingest", collection),
                EventType.ADD_ARTIFACT_ALIAS, EventFilter.aliasRegex(".*"), true);
        Pipeline.define(catalog, automation);
        ArrayNode batch = Kafka.JSON.createArrayNode();
        batch.add(alias(collection, "good"));
        ObjectNode bad = alias(collection, "bad");
        bad.remove("specversion");
        batch.add(bad);
        post(MEMBER, batch).statusCode(400).body("error", equalTo("BAD_REQUEST")).body("field", equalTo("[1].specversion"));
        ObjectNode later = alias(collection, "later");
        post(MEMBER, later).statusCode(202);
        Pipeline.awaitEventsEvaluated();
        assertThat(Pipeline.kafka().actionsFor(automation.id())).extracting(r -> r.event().id())
                .containsExactly(later.get("id").asText());
    }

    @Test
    void invalidEventsAreRefusedWithTheFieldAtFault() {
        Map<String, java.util.function.Consumer<ObjectNode>> breakages = new java.util.LinkedHashMap<>();
        breakages.put("specversion", e -> e.put("specversion", "0.3"));
        breakages.put("id", e -> e.remove("id"));
        breakages.put("source", e -> e.put("source", ""));
        breakages.put("type", e -> e.put("type", "com.example.SOMETHING"));
        breakages.put("data", e -> e.remove("data"));
        breakages.put("data.alias", e -> ((ObjectNode) e.get("data")).remove("alias"));
        breakages.put("data.entity", e -> ((ObjectNode) e.get("data")).put("entity", "not a name!"));
        breakages.put("data.project", e -> ((ObjectNode) e.get("data")).put("registry", "also"));
        breakages.put("time", e -> e.put("time", "yesterday"));
        for (var breakage : breakages.entrySet()) {
            ObjectNode event = alias("c1", "production");
            breakage.getValue().accept(event);
            post(MEMBER, event).statusCode(400).body("error", equalTo("BAD_REQUEST")).body("field", equalTo(breakage.getKey()));
        }
        ObjectNode metric = alias("c1", "production");
        metric.put("type", "ai.automations.RUN_METRIC_THRESHOLD");
        post(MEMBER, metric).statusCode(400).body("field", equalTo("type"));
        ObjectNode paused = Kafka.JSON.valueToTree(Fixtures.runStateEvent("acme", "p", "r", "n", "u", RunState.RUNNING));
        ((ObjectNode) paused.get("data")).put("state", "PAUSED");
        post(MEMBER, paused).statusCode(400).body("field", equalTo("data.state"));
        given().header("Authorization", "Bearer " + MEMBER).contentType(ContentType.JSON).body("{not json")
                .when().post("/api/v1/events").then().statusCode(400).body("error", equalTo("BAD_REQUEST"));
        post(MEMBER, "[]").statusCode(400);
        post(MEMBER, "\"text\"").statusCode(400);
    }

    @Test
    void callersMustBeMembersOfTheEventsEntity() {
        given().contentType(ContentType.JSON).body(alias("c1", "production").toString()).when().post("/api/v1/events")
                .then().statusCode(401);
        post(RegistryDouble.keyFor(Role.VIEWER, "acme"), alias("c1", "production")).statusCode(403)
                .body("error", equalTo("FORBIDDEN"));
        post(RegistryDouble.keyFor(Role.MEMBER, "globex"), alias("c1", "production")).statusCode(403);
        post(RegistryDouble.ADMIN_KEY, alias("c1", "production")).statusCode(202);
    }

    @Test
    void tooManyEventsInOneCallIs413() {
        ArrayNode batch = Kafka.JSON.createArrayNode();
        for (int i = 0; i < 1001; i++) {
            batch.add(Kafka.JSON.createObjectNode().put("id", UUID.randomUUID().toString()));
        }
        post(MEMBER, batch).statusCode(413).body("error", equalTo("TOO_LARGE"));
    }
}
