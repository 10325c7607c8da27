package ai.automations.trigger.dryrun;

import static ai.automations.trigger.support.Fixtures.artifactData;
import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.point;
import static ai.automations.trigger.support.Fixtures.projectScope;
import static ai.automations.trigger.support.Fixtures.registryCollection;
import static ai.automations.trigger.support.Fixtures.threshold;
import static ai.automations.trigger.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.auth.Role;
import ai.automations.common.automation.ActionSpec;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricEventData;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.support.Fixtures;
import ai.automations.trigger.support.Kafka;
import ai.automations.trigger.support.Pipeline;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;

/** Dry-runs explain each check, render the payload with secrets redacted, and act on nothing. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class DryRunResourceTest {

    private static final String MEMBER = RegistryDouble.keyFor(Role.MEMBER, "acme");

    @Inject
    AutomationCatalog catalog;

    @Inject
    Pool pool;

    private static ValidatableResponse dryRun(String key, String entity, String id, Object event) {
        ObjectNode body = Kafka.JSON.createObjectNode();
        body.set("event", Kafka.JSON.valueToTree(event));
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(body.toString())
                .when().post("/api/v1/entities/" + entity + "/automations/" + id + "/dry-run").then();
    }

    private AutomationDefinition webhook(String collection, boolean enabled) {
        ObjectNode payload = Kafka.JSON.createObjectNode().put("event", "${event_type}")
                .put("version", "${artifact_version_string}").put("token", "${ACCESS_TOKEN}")
                .put("note", "alias ${alias} signed with ${SIGNING_KEY}");
        AutomationDefinition d = automation(unique("id"), "acme", registryCollection("model", collection),
                EventType.ADD_ARTIFACT_ALIAS, EventFilter.aliasRegex("^production$"), enabled,
                new ActionSpec(ActionSpec.ActionType.GENERIC_WEBHOOK, "ci", payload, null, null, null));
        Pipeline.define(catalog, d);
        return d;
    }

    @Test
    void aMatchingEventIsExplainedAndRenderedWithSecretsRedacted() {
        String collection = unique("fraud");
        AutomationDefinition d = webhook(collection, true);
        CloudEvent event = Fixtures.event(EventType.ADD_ARTIFACT_ALIAS, artifactData("acme", null, "model", collection, "production", null));
        dryRun(MEMBER, "acme", d.id(), event).statusCode(200)
                .body("matched", equalTo(true))
                .body("reasons", hasItem(startsWith("scope: collection scope")))
                .body("reasons", hasItem("filter: alias 'production' matches ^production$"))
                .body("renderedPayload.event", equalTo("ADD_ARTIFACT_ALIAS"))
                .body("renderedPayload.version", equalTo("acme/model/" + collection + ":v3"))
                .body("renderedPayload.token", equalTo("***"))
                .body("renderedPayload.note", equalTo("alias production signed with ***"));
        Pipeline.awaitEventsEvaluated();
        org.assertj.core.api.Assertions.assertThat(Pipeline.kafka().actionsFor(d.id())).as("a dry-run acts on nothing").isEmpty();
    }

    /**
     * The preview carries the links a delivery would: {@code ${automation_url}}, {@code ${run_url}} and
     * {@code ${artifact_url}} under the console's address (here the default, {@code http://localhost:8080}), as
     * action-service renders them for real firings.
     */
    @Test
    void linkVariablesAreRenderedAsRealFiringsRenderThem() {
        String collection = unique("fraud");
        ObjectNode links = Kafka.JSON.createObjectNode().put("automation", "${automation_url}")
                .put("run", "${run_url}").put("artifact", "${artifact_url}");
        AutomationDefinition alias = automation(unique("id"), "acme", registryCollection("model", collection),
                EventType.ADD_ARTIFACT_ALIAS, EventFilter.aliasRegex("^production$"), true,
                new ActionSpec(ActionSpec.ActionType.GENERIC_WEBHOOK, "ci", links, null, null, null));
        Pipeline.define(catalog, alias);
        String base = "http://localhost:8080/entities/acme";
        dryRun(MEMBER, "acme", alias.id(), Fixtures.event(EventType.ADD_ARTIFACT_ALIAS,
                artifactData("acme", null, "model", collection, "production", null))).statusCode(200)
                .body("renderedPayload.automation", equalTo(base + "/automations/" + alias.id() + "/edit"))
                .body("renderedPayload.artifact", startsWith(base + "/collections/registries/model/" + collection
                        + "/versions/"))
                .body("renderedPayload.run", equalTo(""));

        String project = unique("p");
        String run = unique("run");
        AutomationDefinition low = automation(unique("id"), "acme", projectScope(project),
                EventType.RUN_METRIC_THRESHOLD, threshold("loss", Aggregation.LATEST, 1, Comparison.LT, 0.2), true,
                new ActionSpec(ActionSpec.ActionType.GENERIC_WEBHOOK, "ci", links, null, null, null));
        Pipeline.define(catalog, low);
        RunMetricEventData given = new RunMetricEventData("acme", project, run, "train", "bob", "loss", 9, 0,
                List.of(0.1), null);
        dryRun(MEMBER, "acme", low.id(), Fixtures.event(EventType.RUN_METRIC_THRESHOLD, given)).statusCode(200)
                .body("matched", equalTo(true))
                .body("renderedPayload.automation", equalTo(base + "/automations/" + low.id() + "/edit"))
                .body("renderedPayload.run", equalTo(base + "/projects/" + project + "/runs/" + run))
                .body("renderedPayload.artifact", equalTo(""));
    }

    @Test
    void reasonsSayWhyAnEventDoesNotMatch() {
        String collection = unique("fraud");
        AutomationDefinition d = webhook(collection, true);
        dryRun(MEMBER, "acme", d.id(), Fixtures.event(EventType.ADD_ARTIFACT_ALIAS,
                artifactData("acme", null, "model", collection, "staging", null))).statusCode(200)
                .body("matched", equalTo(false))
                .body("reasons", hasItem("filter: alias 'staging' does not match ^production$"));
        dryRun(MEMBER, "acme", d.id(), Fixtures.event(EventType.ADD_ARTIFACT_ALIAS,
                artifactData("acme", null, "model", "other", "production", null))).statusCode(200)
                .body("matched", equalTo(false))
                .body("reasons", hasItem(startsWith("scope: collection scope '" + collection + "' of registry 'model' does not cover")));
        dryRun(MEMBER, "acme", d.id(), Fixtures.event(EventType.ADD_ARTIFACT_TAG,
                artifactData("acme", null, "model", collection, null, "x"))).statusCode(200)
                .body("matched", equalTo(false)).body("renderedPayload", nullValue())
                .body("reasons", hasItem(startsWith("event type: ADD_ARTIFACT_TAG does not trigger")));
        AutomationDefinition off = webhook(unique("fraud"), false);
        dryRun(MEMBER, "acme", off.id(), Fixtures.event(EventType.ADD_ARTIFACT_ALIAS,
                artifactData("acme", null, "model", off.scope().collection(), "production", null))).statusCode(200)
                .body("matched", equalTo(false)).body("reasons", hasItem("disabled: the automation is disabled"));
    }

    @Test
    void runMetricDryRunsUseGivenValuesOrTheCheckpointedWindowAndTheCooldown() {
        String project = unique("p");
        AutomationDefinition low = automation("acme", projectScope(project), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.AVERAGE, 3, Comparison.LT, 0.2), true);
        Pipeline.define(catalog, low);
        String run = unique("run");
        RunMetricEventData given = new RunMetricEventData("acme", project, run, "train", "bob", "loss", 9, 0, List.of(0.1, 0.1, 0.1), null);
        dryRun(MEMBER, "acme", low.id(), Fixtures.event(EventType.RUN_METRIC_THRESHOLD, given)).statusCode(200)
                .body("matched", equalTo(true))
                .body("reasons", hasItem(startsWith("rule: condition met: average of the last 3 value(s) of 'loss'")))
                .body("reasons", hasItem("cooldown: none for run '" + run + "'"));
        RunMetricEventData tooFew = new RunMetricEventData("acme", project, run, "train", "bob", "loss", 9, 0, List.of(0.1, 0.1), null);
        dryRun(MEMBER, "acme", low.id(), Fixtures.event(EventType.RUN_METRIC_THRESHOLD, tooFew)).statusCode(200)
                .body("matched", equalTo(false))
                .body("reasons", hasItem(startsWith("window not full: RUN_METRIC_THRESHOLD on 'loss' needs 3 values, the run has 2")));
        RunMetricEventData noValues = new RunMetricEventData("acme", project, run, "train", "bob", "loss", 0, 0, null, null);
        dryRun(MEMBER, "acme", low.id(), Fixtures.event(EventType.RUN_METRIC_THRESHOLD, noValues)).statusCode(200)
                .body("matched", equalTo(false)).body("reasons", hasItem(startsWith("window not full: no checkpointed values")));

        Pipeline.kafka().publishMetrics(List.of(point("acme", project, run, "train", "bob", "loss", 1, 0.1),
                point("acme", project, run, "train", "bob", "loss", 2, 0.1), point("acme", project, run, "train", "bob", "loss", 3, 0.1)));
        Pipeline.awaitMetricsCheckpointed(pool);
        dryRun(MEMBER, "acme", low.id(), Fixtures.event(EventType.RUN_METRIC_THRESHOLD, noValues)).statusCode(200)
                .body("matched", equalTo(false))
                .body("reasons", hasItem("window: 3 value(s) from the last checkpoint"))
                .body("reasons", hasItem(startsWith("rule: condition met")))
                .body("reasons", hasItem(startsWith("cooldown: fired for run '" + run + "'")));
    }

    @Test
    void runStateDryRunsExplainStatesAndRunFilters() {
        String project = unique("p");
        AutomationDefinition failed = automation("acme", projectScope(project), EventType.RUN_STATE,
                Fixtures.runState(List.of(ai.automations.common.automation.RunState.FAILED), "^train-", null), true);
        Pipeline.define(catalog, failed);
        dryRun(MEMBER, "acme", failed.id(), Fixtures.runStateEvent("acme", project, "r1", "train-1", "bob",
                ai.automations.common.automation.RunState.CRASHED)).statusCode(200)
                .body("matched", equalTo(true))
                .body("reasons", hasItem("filter: run state CRASHED (counted as FAILED) is one of the states the automation waits for"));
        dryRun(MEMBER, "acme", failed.id(), Fixtures.runStateEvent("acme", project, "r1", "train-1", "bob",
                ai.automations.common.automation.RunState.KILLED)).statusCode(200)
                .body("matched", equalTo(false))
                .body("reasons", hasItem("filter: a KILLED run never triggers an automation"));
        dryRun(MEMBER, "acme", failed.id(), Fixtures.runStateEvent("acme", project, "r1", "eval-1", "bob",
                ai.automations.common.automation.RunState.FAILED)).statusCode(200)
                .body("matched", equalTo(false))
                .body("reasons", hasItem(startsWith("filter: run 'eval-1' of user 'bob' fails runNameRegex=^train-")));
        dryRun(MEMBER, "acme", failed.id(), Fixtures.runStateEvent("acme", "elsewhere", "r1", "train-1", "bob",
                ai.automations.common.automation.RunState.FAILED)).statusCode(200)
                .body("matched", equalTo(false))
                .body("reasons", hasItem(startsWith("scope: project scope '" + project + "' does not cover")));
    }

    @Test
    void unknownAutomationsBadEventsAndCallersAreRefused() {
        AutomationDefinition d = webhook(unique("fraud"), true);
        CloudEvent event = Fixtures.event(EventType.ADD_ARTIFACT_ALIAS, artifactData("acme", null, "model", "c", "production", null));
        dryRun(MEMBER, "acme", "no-such-automation", event).statusCode(404).body("error", equalTo("NOT_FOUND"));
        dryRun(RegistryDouble.keyFor(Role.MEMBER, "globex"), "globex", d.id(), event).statusCode(404);
        dryRun(RegistryDouble.keyFor(Role.VIEWER, "acme"), "acme", d.id(), event).statusCode(403);
        dryRun(RegistryDouble.keyFor(Role.MEMBER, "globex"), "acme", d.id(), event).statusCode(403);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/entities/acme/automations/" + d.id() + "/dry-run")
                .then().statusCode(401);
        given().header("Authorization", "Bearer " + MEMBER).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/entities/acme/automations/" + d.id() + "/dry-run").then().statusCode(400)
                .body("field", equalTo("event"));
        dryRun(MEMBER, "acme", d.id(), Map.of("specversion", "1.0", "id", "x", "type", "nope", "data", Map.of()))
                .statusCode(400).body("field", equalTo("event.type"));
        dryRun(MEMBER, "acme", d.id(), Map.of("specversion", "1.0", "id", "x", "type", "ai.automations.ADD_ARTIFACT_ALIAS"))
                .statusCode(400).body("field", equalTo("event.data"));
    }
}
