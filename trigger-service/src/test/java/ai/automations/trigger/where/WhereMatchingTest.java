package ai.automations.trigger.where;

import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.entityScope;
import static ai.automations.trigger.support.Fixtures.event;
import static ai.automations.trigger.support.Fixtures.projectScope;
import static ai.automations.trigger.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.AutomationScope;
import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.automation.RunState;
import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricBatch;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.common.event.RunStateEventData;
import ai.automations.common.template.TemplateVariables;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.support.Fixtures;
import ai.automations.trigger.support.Kafka;
import ai.automations.trigger.support.Pipeline;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * {@code where} filters over the real topics and database: for each field of artifact events (every artifact event
 * type, collection tag events and CREATE_ARTIFACT at project scope included) and of run events (RUN_STATE, RUNNING
 * included, and a metric rule), an automation fires for exactly the events its expression accepts. Each case has an
 * entity of its own, so an automation can only ever see its own events.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class WhereMatchingTest {

    @Inject
    AutomationCatalog catalog;

    @Inject
    Pool pool;

    /** One automation and the events that must (and must not) trigger it. */
    private record Case(AutomationDefinition automation, List<CloudEvent> fire, List<CloudEvent> quiet) {
    }

    private static JsonNode json(String text) {
        try {
            return Kafka.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static EventFilter where(EventFilter filter, String expression) {
        return filter.withWhere(json(expression));
    }

    /** A version event with every field {@code where} reads. */
    private static ArtifactEventData version(String entity, String project, String collection, String alias,
            String tag, List<String> aliases, List<String> tags, String type, String author,
            Map<String, Object> metadata, List<String> collectionTags) {
        return new ArtifactEventData(entity, project, project == null ? "r1" : null, collection, "cid-" + collection,
                type, "art-1", type, "v0", 0, entity + "/x/" + collection + ":v0", "sha", alias, tag, author, null,
                metadata, project == null ? "p1" : project, collection, entity + "/p1/" + collection + ":v0",
                aliases, tags, collectionTags);
    }

    private static ArtifactEventData simple(String entity, Map<String, Object> change) {
        Map<String, Object> f = new LinkedHashMap<>(Map.of("collection", "detector", "aliases", List.of("latest"),
                "tags", List.of(), "type", "model", "author", "alice", "metadata", Map.of("accuracy", 0.5),
                "collectionTags", List.of()));
        f.putAll(change);
        @SuppressWarnings("unchecked")
        ArtifactEventData data = version(entity, (String) f.get("project"), (String) f.get("collection"),
                (String) f.get("alias"), (String) f.get("tag"), (List<String>) f.get("aliases"),
                (List<String>) f.get("tags"), (String) f.get("type"), (String) f.get("author"),
                (Map<String, Object>) f.get("metadata"), (List<String>) f.get("collectionTags"));
        return data;
    }

    private Case artifactCase(EventType type, AutomationScope scope, EventFilter filter, List<Map<String, Object>> fire,
            List<Map<String, Object>> quiet, String entity) {
        AutomationDefinition a = automation(entity, scope, type, filter, true);
        return new Case(a, fire.stream().map(c -> event(type, simple(entity, c))).toList(),
                quiet.stream().map(c -> event(type, simple(entity, c))).toList());
    }

    private Case artifactCase(EventType type, String expression, List<Map<String, Object>> fire,
            List<Map<String, Object>> quiet) {
        String entity = unique("where");
        EventFilter filter = type == EventType.ADD_ARTIFACT_ALIAS ? EventFilter.aliasRegex(".")
                : EventFilter.empty();
        AutomationScope scope = type == EventType.CREATE_ARTIFACT ? projectScope("p1") : entityScope();
        return artifactCase(type, scope, where(filter, expression), fire, quiet, entity);
    }

    private static CloudEvent runState(String entity, String runName, String user, RunState state, List<String> tags,
            Map<String, Object> config) {
        return event(EventType.RUN_STATE, new RunStateEventData(entity, "p1", unique("run"), runName, user,
                state.name(), user, state.name(), tags, config));
    }

    private Case runCase(List<RunState> states, String expression, List<CloudEvent> fire, List<CloudEvent> quiet,
            String entity) {
        return new Case(automation(entity, projectScope("p1"), EventType.RUN_STATE,
                where(Fixtures.runState(states, null, null), expression), true), fire, quiet);
    }

    @Test
    void eachFieldOfArtifactAndRunEventsFiltersExactlyTheEventsItShould() {
        List<Case> cases = new ArrayList<>();
        cases.add(artifactCase(EventType.ADD_ARTIFACT_ALIAS, "{\"alias\":{\"$in\":[\"candidate\",\"production\"]}}",
                List.of(Map.of("alias", "candidate")), List.of(Map.of("alias", "staging"))));
        cases.add(artifactCase(EventType.ADD_ARTIFACT_ALIAS, "{\"alias\":{\"$eq\":\"candidate\"}}",
                List.of(Map.of("alias", "candidate")), List.of(Map.of("alias", "candidate-2"))));
        cases.add(artifactCase(EventType.ADD_ARTIFACT_TAG, "{\"metadata.accuracy\":{\"$lte\":0.5}}",
                List.of(Map.of("tag", "a"), Map.of("tag", "b", "metadata", Map.of("accuracy", 0.4))),
                List.of(Map.of("tag", "c", "metadata", Map.of("accuracy", 0.51)),
                        Map.of("tag", "d", "metadata", Map.of("accuracy", "low")))));
        cases.add(artifactCase(EventType.ADD_ARTIFACT_TAG, "{\"tag\":{\"$regex\":\"^gpu-\"}}",
                List.of(Map.of("tag", "gpu-a100")), List.of(Map.of("tag", "cpu"))));
        cases.add(artifactCase(EventType.LINK_ARTIFACT, "{\"aliases\":{\"$contains\":\"candidate\"}}",
                List.of(Map.of("aliases", List.of("latest", "candidate"))), List.of(Map.of())));
        cases.add(artifactCase(EventType.UNLINK_ARTIFACT, "{\"tags\":{\"$nin\":[\"deprecated\"]}}",
                List.of(Map.of("tags", List.of("reviewed"))), List.of(Map.of("tags", List.of("deprecated")))));
        cases.add(artifactCase(EventType.CREATE_ARTIFACT, "{\"artifactType\":{\"$ne\":\"dataset\"}}",
                List.of(Map.of("project", "p1", "collection", "any-" + unique("c"))),
                List.of(Map.of("project", "p1", "type", "dataset"), Map.of("project", "p2"))));
        cases.add(artifactCase(EventType.LINK_ARTIFACT, "{\"collection\":{\"$regex\":\"^fraud-\"}}",
                List.of(Map.of("collection", "fraud-detector")), List.of(Map.of("collection", "churn"))));
        cases.add(artifactCase(EventType.ADD_COLLECTION_TAG, "{\"collectionTags\":{\"$contains\":\"prod\"}}",
                List.of(Map.of("tag", "prod", "collectionTags", List.of("prod"))),
                List.of(Map.of("tag", "dev", "collectionTags", List.of("dev")))));
        cases.add(artifactCase(EventType.REMOVE_COLLECTION_TAG, "{\"author\":\"ci-bot\",\"tag\":{\"$exists\":true}}",
                List.of(Map.of("tag", "x", "author", "ci-bot")), List.of(Map.of("tag", "x"),
                        Map.of("author", "ci-bot"))));
        cases.add(artifactCase(EventType.LINK_ARTIFACT, "{\"$and\":[{\"aliases\":{\"$contains\":\"candidate\"}},"
                + "{\"metadata.accuracy\":{\"$gte\":0.9}}]}",
                List.of(Map.of("aliases", List.of("candidate"), "metadata", Map.of("accuracy", 0.93))),
                List.of(Map.of("aliases", List.of("candidate"), "metadata", Map.of("accuracy", 0.85)),
                        Map.of("metadata", Map.of("accuracy", 0.99)),
                        Map.of("aliases", List.of("candidate"), "metadata", Map.of("accuracy", "high")))));
        cases.add(artifactCase(EventType.REMOVE_ARTIFACT_TAG, "{\"$nor\":[{\"tag\":\"keep\"},"
                + "{\"metadata.eval.split\":{\"$exists\":true}}]}",
                List.of(Map.of("tag", "x")), List.of(Map.of("tag", "keep"),
                        Map.of("tag", "x", "metadata", Map.of("eval", Map.of("split", "test"))))));
        String shorthand = unique("where");
        cases.add(artifactCase(EventType.ADD_ARTIFACT_ALIAS, entityScope(),
                where(EventFilter.aliasRegex("^prod"), "{\"$or\":[{\"metadata.accuracy\":{\"$gt\":0.9}},"
                        + "{\"$not\":{\"author\":\"alice\"}}]}"),
                List.of(Map.of("alias", "production", "metadata", Map.of("accuracy", 0.93)),
                        Map.of("alias", "production", "author", "bob")),
                List.of(Map.of("alias", "production"), Map.of("alias", "staging", "metadata",
                        Map.of("accuracy", 0.93))), shorthand));

        String e = unique("where");
        cases.add(runCase(List.of(RunState.RUNNING), "{\"runName\":{\"$regex\":\"^sweep-\"}}",
                List.of(runState(e, "sweep-1", "alice", RunState.RUNNING, null, null)),
                List.of(runState(e, "manual", "alice", RunState.RUNNING, null, null),
                        runState(e, "sweep-2", "alice", RunState.FINISHED, null, null)), e));
        e = unique("where");
        cases.add(runCase(List.of(RunState.FINISHED), "{\"user\":{\"$in\":[\"alice\"]}}",
                List.of(runState(e, "r", "alice", RunState.FINISHED, null, null)),
                List.of(runState(e, "r", "bob", RunState.FINISHED, null, null)), e));
        e = unique("where");
        cases.add(runCase(List.of(RunState.RUNNING), "{\"tags\":{\"$contains\":\"prod\"}}",
                List.of(runState(e, "r", "alice", RunState.RUNNING, List.of("gpu", "prod"), null)),
                List.of(runState(e, "r", "alice", RunState.RUNNING, List.of("dev"), null),
                        runState(e, "r", "alice", RunState.RUNNING, null, null)), e));
        e = unique("where");
        cases.add(runCase(List.of(RunState.FAILED), "{\"config.optimizer.lr\":{\"$lt\":0.01}}",
                List.of(runState(e, "r", "alice", RunState.CRASHED, null, Map.of("optimizer", Map.of("lr", 0.001)))),
                List.of(runState(e, "r", "alice", RunState.FAILED, null, Map.of("optimizer", Map.of("lr", 0.1))),
                        runState(e, "r", "alice", RunState.FAILED, null, Map.of("optimizer", "adam")),
                        runState(e, "r", "alice", RunState.FAILED, null, null)), e));

        for (Case c : cases) {
            Pipeline.define(catalog, c.automation());
        }
        Kafka kafka = Pipeline.kafka();
        for (Case c : cases) {
            for (CloudEvent ev : c.fire()) {
                kafka.publishEvent(ev.id(), ev);
            }
            for (CloudEvent ev : c.quiet()) {
                kafka.publishEvent(ev.id(), ev);
            }
        }
        Pipeline.awaitEventsEvaluated();

        List<ActionRequest> actions = kafka.actions();
        for (Case c : cases) {
            String label = c.automation().event().type() + " where " + c.automation().event().filter().where();
            Set<String> fired = actions.stream().filter(a -> a.automation().id().equals(c.automation().id()))
                    .map(a -> a.event().id()).collect(Collectors.toSet());
            assertThat(fired).as(label).isEqualTo(c.fire().stream().map(CloudEvent::id).collect(Collectors.toSet()));
            assertThat(actions.stream().filter(a -> a.automation().id().equals(c.automation().id())))
                    .as(label + ": once per event").hasSize(c.fire().size());
        }
    }

    @Test
    void aMetricRuleFiresOnlyForRunsWhoseTagsItsWhereAccepts() {
        String entity = unique("where");
        AutomationDefinition rule = automation(entity, projectScope("p1"), EventType.RUN_METRIC_THRESHOLD,
                where(Fixtures.threshold("loss", Aggregation.LATEST, 1, Comparison.LT, 0.5),
                        "{\"tags\":{\"$contains\":\"prod\"}}"), true);
        Pipeline.define(catalog, rule);
        List<RunMetricRecord> points = new ArrayList<>();
        points.add(new RunMetricRecord(entity, "p1", "prod-run", "prod-run", "alice", "loss", 1, 0.1, Instant.now(),
                List.of("prod")));
        points.add(new RunMetricRecord(entity, "p1", "dev-run", "dev-run", "alice", "loss", 1, 0.1, Instant.now(),
                List.of("dev")));
        points.add(new RunMetricRecord(entity, "p1", "untagged", "untagged", "alice", "loss", 1, 0.1,
                Instant.now()));
        points.add(new RunMetricRecord(entity, "p1", "promoted", "promoted", "alice", "loss", 1, 0.1, Instant.now(),
                List.of("dev")));
        points.add(new RunMetricRecord(entity, "p1", "promoted", "promoted", "alice", "loss", 2, 0.1, Instant.now(),
                List.of("dev", "prod")));
        Pipeline.kafka().publishMetrics(points);
        Pipeline.awaitMetricsCheckpointed(pool);

        List<ActionRequest> fired = Pipeline.kafka().actionsFor(rule.id());
        assertThat(fired).extracting(a -> a.event().data().get("runId").asText() + "@"
                + a.event().data().get("step").asLong()).containsExactlyInAnyOrder("prod-run@1", "promoted@2");
    }

    private static RunMetricBatch batch(String entity, String runId, long step, String metric, double value,
            Map<String, Object> config) {
        return new RunMetricBatch(entity, "p1", runId, runId, "alice", List.of("prod"),
                List.of(new RunMetricBatch.Step(step, Instant.now(), Map.of(metric, value))), config);
    }

    /**
     * Metric records carry the run's config (registry-service writes it on every history record): a threshold and a
     * diverged rule with {@code where} on {@code config.<path>} fire only for runs whose config it accepts, a run whose
     * config changes is judged on the new one, and the event carries the config for {@code ${run_config.KEY}}.
     */
    @Test
    void metricRulesFilterOnTheRunsConfigFromItsHistoryRecords() {
        String entity = unique("where");
        String adam = "{\"config.optimizer.name\":\"adam\"}";
        AutomationDefinition low = automation(entity, projectScope("p1"), EventType.RUN_METRIC_THRESHOLD,
                where(Fixtures.threshold("loss", Aggregation.LATEST, 1, Comparison.LT, 0.5), adam), true);
        AutomationDefinition diverged = automation(entity, entityScope(), EventType.RUN_METRIC_DIVERGED,
                where(new EventFilter(null, null, "*", null, null, null, null, null, null, null, null, null, null,
                        null, null), "{\"config.lr\":{\"$gte\":0.01}}"), true);
        Pipeline.define(catalog, low);
        Pipeline.define(catalog, diverged);
        Map<String, Object> adamConfig = Map.of("optimizer", Map.of("name", "adam"), "lr", 0.1);
        Map<String, Object> sgdConfig = Map.of("optimizer", Map.of("name", "sgd"), "lr", 0.001);
        Kafka kafka = Pipeline.kafka();
        kafka.publishBatch(batch(entity, "adam-run", 1, "loss", 0.1, adamConfig));
        kafka.publishBatch(batch(entity, "sgd-run", 1, "loss", 0.1, sgdConfig));
        kafka.publishBatch(batch(entity, "bare-run", 1, "loss", 0.1, null));
        kafka.publishBatch(batch(entity, "switched", 1, "loss", 0.1, sgdConfig));
        kafka.publishBatch(batch(entity, "switched", 2, "loss", 0.1, adamConfig));
        kafka.publishBatch(batch(entity, "adam-run", 2, "grad", Double.NaN, adamConfig));
        kafka.publishBatch(batch(entity, "sgd-run", 2, "grad", Double.NaN, sgdConfig));
        Pipeline.awaitMetricsCheckpointed(pool);

        List<ActionRequest> fired = kafka.actionsFor(low.id());
        assertThat(fired).extracting(a -> a.event().data().get("runId").asText() + "@"
                + a.event().data().get("step").asLong()).containsExactlyInAnyOrder("adam-run@1", "switched@2");
        ActionRequest first = fired.stream().filter(a -> a.event().data().get("runId").asText().equals("adam-run"))
                .findFirst().orElseThrow();
        assertThat(first.event().data().get("config").get("optimizer").get("name").asText()).isEqualTo("adam");
        assertThat(first.event().data().get("tags").toString()).isEqualTo("[\"prod\"]");
        TemplateVariables variables = TemplateVariables.of(low, first.event());
        assertThat(variables.get("run_config.optimizer.name").asText()).isEqualTo("adam");
        assertThat(variables.get("run_config.lr").asDouble()).isEqualTo(0.1);
        assertThat(kafka.actionsFor(diverged.id())).extracting(a -> a.event().data().get("runId").asText())
                .containsExactly("adam-run");
    }
}
