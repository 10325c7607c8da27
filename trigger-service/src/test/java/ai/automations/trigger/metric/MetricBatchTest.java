package ai.automations.trigger.metric;

import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.point;
import static ai.automations.trigger.support.Fixtures.projectScope;
import static ai.automations.trigger.support.Fixtures.threshold;
import static ai.automations.trigger.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricBatch;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.support.Pipeline;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A history call as registry-service publishes it (one {@link RunMetricBatch} record) through the real topic and
 * database: its points are evaluated in order exactly as single records would be (windows, a repeated step ignored,
 * NaN skipped by windows and caught by RUN_METRIC_DIVERGED), a bad record is skipped without stopping the partition,
 * and single records and batches mix in one run.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class MetricBatchTest {

    @Inject
    AutomationCatalog catalog;

    @Inject
    Pool pool;

    private final String entity = "acme";
    private final String project = unique("proj");

    private static Map<String, Double> metrics(Object... nameValue) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], ((Number) nameValue[i + 1]).doubleValue());
        }
        return m;
    }

    private RunMetricBatch batch(String run, RunMetricBatch.Step... steps) {
        return new RunMetricBatch(entity, project, run, "run-" + run, "alice", null, List.of(steps));
    }

    private static RunMetricBatch.Step step(long step, Map<String, Double> metrics) {
        return new RunMetricBatch.Step(step, Instant.parse("2026-11-22T10:00:00Z").plusSeconds(step), metrics);
    }

    private static List<String> fired(AutomationDefinition automation) {
        return Pipeline.kafka().actionsFor(automation.id()).stream().map(MetricBatchTest::text).toList();
    }

    private static String text(ActionRequest r) {
        return r.event().data().get("metric").asText() + "@" + r.event().data().get("step").asLong() + "="
                + r.event().data().get("value").asText();
    }

    @Test
    void aBatchIsEvaluatedPointByPointInOrder() {
        AutomationDefinition average = automation(entity, projectScope(project), EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", Aggregation.AVERAGE, 2, Comparison.LT, 0.5), true);
        AutomationDefinition diverged = automation(entity, projectScope(project), EventType.RUN_METRIC_DIVERGED,
                new EventFilter(null, null, "*", null, null, null, null, null, null, null, null, null, null, null,
                        null), true);
        Pipeline.define(catalog, average);
        Pipeline.define(catalog, diverged);
        String run = unique("run");

        Pipeline.kafka().publishBatch(batch(run,
                step(1, metrics("loss", 0.9, "acc", 0.1)),
                step(2, metrics("loss", Double.NaN, "acc", 0.2)),
                step(3, metrics("loss", 0.5, "acc", Double.POSITIVE_INFINITY)),
                step(3, metrics("loss", 0.0)),
                step(4, metrics("loss", 0.25))));
        Pipeline.awaitMetricsCheckpointed(pool);

        assertThat(fired(average)).as("NaN skipped by the window, the repeated step 3 ignored: (0.5 + 0.25) / 2 "
                + "at step 4").containsExactly("loss@4=0.375");
        assertThat(fired(diverged)).as("once per run and metric").containsExactlyInAnyOrder("loss@2=NaN",
                "acc@3=Infinity");
    }

    @Test
    void batchesAndSingleRecordsMixAndABadRecordIsSkipped() {
        AutomationDefinition above = automation(entity, projectScope(project), EventType.RUN_METRIC_THRESHOLD,
                threshold("grad", Aggregation.LATEST, 1, Comparison.GT, 10), true);
        Pipeline.define(catalog, above);
        String run = unique("run");
        String other = unique("run");

        Pipeline.kafka().publishMetrics(List.of(point(entity, project, run, "run-" + run, "alice", "grad", 5, 1)));
        Pipeline.kafka().publishBatch(batch(run, step(4, metrics("grad", 50)), step(5, metrics("grad", 60))));
        Pipeline.kafka().publishBatch(new RunMetricBatch(null, project, other, "n", "alice", null,
                List.of(step(1, metrics("grad", 99)))));
        Pipeline.kafka().publishBatch(batch(other, step(1, metrics("grad", 2)), step(2, metrics("grad", 20))));
        Pipeline.kafka().publishBatch(batch(run, step(6, metrics("grad", 70))));
        Pipeline.awaitMetricsCheckpointed(pool);

        assertThat(fired(above)).as("steps 4 and 5 come after step 5: ignored; the batch without an entity is "
                + "skipped; then each run fires once").containsExactlyInAnyOrder("grad@6=70.0", "grad@2=20.0");
    }
}
