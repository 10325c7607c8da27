package ai.automations.trigger.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.automation.EventFilter.ChangeDirection;
import ai.automations.common.automation.EventFilter.ChangeType;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.trigger.evaluation.MetricRule;
import ai.automations.trigger.evaluation.RecentValues;
import ai.automations.trigger.support.Fixtures;

/**
 * NaN and ±Infinity as the topic carries them (strings, as Jackson writes them, or bare tokens) are read by both
 * paths of the deserializer alike and are usable points; the rules compare them as IEEE says and explain it.
 */
class NonFiniteValuesTest {

    private final RunMetricDeserializer deserializer = new RunMetricDeserializer();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "\"NaN\"|NaN", "\"Infinity\"|Infinity", "\"-Infinity\"|-Infinity",
            "NaN|NaN", "Infinity|Infinity", "-Infinity|-Infinity" })
    void nonFiniteValuesAreReadAndUsable(String written, double expected) {
        byte[] json = ("{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":3,"
                + "\"value\":" + written + ",\"timestamp\":\"2026-11-22T10:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
        RunMetricRecord fast = deserializer.deserialize("automation.run-metrics", json);
        assertThat(fast).isEqualTo(RunMetricDeserializer.bound(json));
        assertThat(Double.valueOf(fast.value())).as("NaN equals NaN as a Double").isEqualTo(Double.valueOf(expected));
        assertThat(RunMetricDeserializer.problem(fast)).isNull();
    }

    @Test
    void otherWordsAreNotValues() {
        byte[] json = "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":3,\"value\":\"high\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(deserializer.deserialize("automation.run-metrics", json)).isNull();
    }

    private static RecentValues values(double... chronological) {
        return new RecentValues() {
            @Override
            public int size() {
                return chronological.length;
            }

            @Override
            public double recent(int i) {
                return chronological[chronological.length - 1 - i];
            }
        };
    }

    @Test
    void infinityComparesAsIeeeSaysAndNaNOutcomesNeverFire() {
        MetricRule above = MetricRule.of(EventType.RUN_METRIC_THRESHOLD,
                Fixtures.threshold("grad", Aggregation.AVERAGE, 2, Comparison.GT, 1e300));
        assertThat(above.evaluate(values(1, Double.POSITIVE_INFINITY))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(above.evaluate(values(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)))
                .as("the average of -Infinity and Infinity is NaN, which satisfies nothing").isNaN();
        assertThat(above.explain(values(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)))
                .endsWith("(NaN satisfies no comparison)");

        MetricRule change = MetricRule.of(EventType.RUN_METRIC_CHANGE, Fixtures.change("loss", Aggregation.AVERAGE, 1,
                1, ChangeType.ABSOLUTE, ChangeDirection.ANY, 1));
        assertThat(change.evaluate(values(1, Double.POSITIVE_INFINITY))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(change.evaluate(values(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY))).isNaN();
        assertThat(change.explain(values(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)))
                .contains("is NaN (IEEE: Infinity - Infinity)");

        MetricRule z = MetricRule.of(EventType.RUN_METRIC_ZSCORE, Fixtures.zscore("cpu", 3, 2, ChangeDirection.ANY));
        assertThat(z.evaluate(values(1, 2, 3, Double.POSITIVE_INFINITY))).as("z = Infinity: beyond any threshold")
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(z.evaluate(values(1, Double.POSITIVE_INFINITY, 3, 4))).isNaN();
        assertThat(z.explain(values(1, Double.POSITIVE_INFINITY, 3, 4))).contains("so the z-score is NaN (IEEE)");
    }

    @Test
    void divergedRuleFiresOnNonFiniteValuesOnly() {
        MetricRule any = MetricRule.of(EventType.RUN_METRIC_DIVERGED, new EventFilter(null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null));
        assertThat(any.metric()).isEqualTo("*");
        assertThat(any.watchesEveryMetric()).isTrue();
        assertThat(any.diverged()).isTrue();
        assertThat(MetricRule.divergent(Double.NaN)).isTrue();
        assertThat(MetricRule.divergent(Double.NEGATIVE_INFINITY)).isTrue();
        assertThat(MetricRule.divergent(Double.MAX_VALUE)).isFalse();
        assertThat(any.evaluate(values(Double.NaN))).as("not a window rule").isNaN();
        MetricRule literal = MetricRule.of(EventType.RUN_METRIC_THRESHOLD,
                Fixtures.threshold("*", Aggregation.LATEST, 1, Comparison.GT, 0));
        assertThat(literal.watchesEveryMetric()).as("'*' is a wildcard for RUN_METRIC_DIVERGED only").isFalse();
    }
}
