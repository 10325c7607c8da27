package ai.automations.trigger;

import static ai.automations.trigger.support.Fixtures.artifactData;
import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.entityScope;
import static ai.automations.trigger.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.support.Fixtures;
import ai.automations.trigger.support.Pipeline;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code /q/metrics} reports evaluations, firings by type, evaluation latency and the index size. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class MetricsEndpointTest {

    @Inject
    AutomationCatalog catalog;

    @Test
    void evaluationsFiringsLatencyAndIndexSizeAreReported() {
        String entity = unique("ent");
        Pipeline.define(catalog, automation(entity, entityScope(), EventType.ADD_ARTIFACT_TAG, Fixtures.tagRegex("."), true));
        CloudEvent event = Fixtures.event(EventType.ADD_ARTIFACT_TAG, artifactData(entity, "p", null, "c", null, "gpu"));
        Pipeline.kafka().publishEvent("c", event);
        Pipeline.awaitEventsEvaluated();
        given().when().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*\\ntrigger_events_evaluated_total(\\{[^}]*})? [1-9][0-9.E]*\\n.*"))
                .body(matchesPattern("(?s).*\\ntrigger_firings_total\\{[^}]*type=\"ADD_ARTIFACT_TAG\"[^}]*} [1-9][0-9.E]*\\n.*"))
                .body(matchesPattern("(?s).*\\ntrigger_index_automations(\\{[^}]*})? [1-9][0-9.E]*\\n.*"))
                .body(matchesPattern("(?s).*\\ntrigger_definitions(\\{[^}]*})? [1-9][0-9.E]*\\n.*"))
                .body(containsString("trigger_evaluation_seconds_count{"))
                .body(containsString("trigger_metric_points_evaluated_total"))
                .body(containsString("trigger_metric_windows_active"));
    }
}
