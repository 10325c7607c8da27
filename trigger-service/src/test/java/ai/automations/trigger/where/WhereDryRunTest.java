package ai.automations.trigger.where;

import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.projectScope;
import static ai.automations.trigger.support.Fixtures.registryScope;
import static ai.automations.trigger.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.auth.Role;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.RunState;
import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunStateEventData;
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

/** A dry-run names each {@code where} node that failed and the value it saw, or says that the expression holds. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class WhereDryRunTest {

    private static final String MEMBER = RegistryDouble.keyFor(Role.MEMBER, "acme");

    @Inject
    AutomationCatalog catalog;

    private static ValidatableResponse dryRun(String id, Object event) {
        ObjectNode body = Kafka.JSON.createObjectNode();
        body.set("event", Kafka.JSON.valueToTree(event));
        return given().header("Authorization", "Bearer " + MEMBER).contentType(ContentType.JSON).body(body.toString())
                .when().post("/api/v1/entities/acme/automations/" + id + "/dry-run").then();
    }

    private static EventFilter where(EventFilter filter, String expression) throws Exception {
        return filter.withWhere(Kafka.JSON.readTree(expression));
    }

    private static ArtifactEventData linked(String registry, List<String> aliases, double accuracy) {
        return new ArtifactEventData("acme", null, registry, "detector", "cid", "model", "a1", "model", "v0", 0,
                "acme/" + registry + "/detector:v0", "sha", null, null, "alice", null, Map.of("accuracy", accuracy),
                "p", "detector", "acme/p/detector:v0", aliases, List.of(), List.of());
    }

    @Test
    void eachFailedNodeIsNamedWithTheValueItSaw() throws Exception {
        String registry = unique("model");
        AutomationDefinition d = automation("acme", registryScope(registry), EventType.LINK_ARTIFACT,
                where(EventFilter.empty(), "{\"$and\":[{\"aliases\":{\"$contains\":\"candidate\"}},"
                        + "{\"metadata.accuracy\":{\"$gte\":0.9}}]}"), true);
        Pipeline.define(catalog, d);
        dryRun(d.id(), Fixtures.event(EventType.LINK_ARTIFACT, linked(registry, List.of("latest"), 0.85)))
                .statusCode(200).body("matched", equalTo(false)).body("reasons", hasItems(
                        "filter: where.$and[0].aliases.$contains: aliases is [\"latest\"], so $contains \"candidate\" "
                                + "is false",
                        "filter: where.$and[1].metadata.accuracy.$gte: metadata.accuracy is 0.85, so $gte 0.9 is "
                                + "false"));
        dryRun(d.id(), Fixtures.event(EventType.LINK_ARTIFACT, linked(registry, List.of("latest", "candidate"), 0.93)))
                .statusCode(200).body("matched", equalTo(true)).body("reasons", hasItem(
                        "filter: where " + d.event().filter().where() + " holds"));
    }

    @Test
    void runStateWhereOnConfigIsExplainedToo() throws Exception {
        String project = unique("p");
        AutomationDefinition d = automation("acme", projectScope(project), EventType.RUN_STATE,
                where(Fixtures.runState(List.of(RunState.RUNNING), null, null),
                        "{\"config.optimizer.lr\":{\"$lt\":0.01}}"), true);
        Pipeline.define(catalog, d);
        RunStateEventData started = new RunStateEventData("acme", project, "r1", "r1", "alice", "RUNNING", "alice",
                "RUNNING", List.of(), Map.of("optimizer", Map.of("lr", 0.1)));
        dryRun(d.id(), Fixtures.event(EventType.RUN_STATE, started)).statusCode(200).body("matched", equalTo(false))
                .body("reasons", hasItem("filter: where.config.optimizer.lr.$lt: config.optimizer.lr is 0.1, so $lt "
                        + "0.01 is false"));
        RunStateEventData none = new RunStateEventData("acme", project, "r2", "r2", "alice", "RUNNING", "alice");
        dryRun(d.id(), Fixtures.event(EventType.RUN_STATE, none)).statusCode(200).body("matched", equalTo(false))
                .body("reasons", hasItem("filter: where.config.optimizer.lr.$lt: config.optimizer.lr is absent, so "
                        + "$lt 0.01 is false"));
    }
}
