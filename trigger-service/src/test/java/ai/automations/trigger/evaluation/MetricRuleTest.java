package ai.automations.trigger.evaluation;

import static ai.automations.trigger.support.Fixtures.change;
import static ai.automations.trigger.support.Fixtures.threshold;
import static ai.automations.trigger.support.Fixtures.zscore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.automation.EventFilter.ChangeDirection;
import ai.automations.common.automation.EventFilter.ChangeType;
import ai.automations.common.event.EventType;

/** The rule arithmetic at the edges of its windows, for every comparison, aggregation, change type and direction. */
class MetricRuleTest {

    private static RecentValues values(double... chronological) {
        return RecentValues.of(chronological);
    }

    private static MetricRule rule(EventType type, EventFilter filter) {
        return MetricRule.of(type, filter);
    }

    @ParameterizedTest(name = "{0} of [1,2,3,4,10] {1} {2} -> {3}")
    @CsvSource({
            "AVERAGE, >, 3.9, true", "AVERAGE, >, 4.0, false", "AVERAGE, >=, 4.0, true", "AVERAGE, >=, 4.01, false",
            "AVERAGE, <, 4.01, true", "AVERAGE, <, 4.0, false", "AVERAGE, <=, 4.0, true", "AVERAGE, <=, 3.99, false",
            "AVERAGE, ==, 4.0, true", "AVERAGE, ==, 4.5, false", "AVERAGE, !=, 4.5, true", "AVERAGE, !=, 4.0, false",
            "MIN, ==, 1.0, true", "MIN, >, 1.0, false", "MAX, ==, 10.0, true", "MAX, <, 10.0, false",
            "LATEST, ==, 10.0, true", "LATEST, <, 10.0, false" })
    void thresholdComparesTheAggregateOfTheWindow(Aggregation agg, String cmp, double threshold, boolean fires) {
        MetricRule rule = rule(EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", agg, 5, Comparison.fromSymbol(cmp), threshold));
        assertThat(Double.isNaN(rule.evaluate(values(1, 2, 3, 4, 10)))).isEqualTo(!fires);
    }

    @Test
    void thresholdWaitsUntilItsWindowIsFullAndUsesOnlyTheLastWindowValues() {
        MetricRule rule = rule(EventType.RUN_METRIC_THRESHOLD, threshold("loss", Aggregation.AVERAGE, 5, Comparison.LT, 0.2));
        assertThat(rule.needed()).isEqualTo(5);
        assertThat(rule.evaluate(values(0.1, 0.1, 0.1, 0.1))).isNaN();
        assertThat(rule.evaluate(values(0.1, 0.1, 0.1, 0.1, 0.1))).isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(rule.evaluate(values(5.0, 0.1, 0.1, 0.1, 0.1, 0.1))).isNotNaN();
        assertThat(rule.evaluate(values(0.1, 0.1, 0.1, 0.1, 5.0))).isNaN();
        assertThat(rule.windowValues(values(9, 1, 2, 3, 4, 5))).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void latestValueThresholdNeedsOneValue() {
        MetricRule rule = rule(EventType.RUN_METRIC_THRESHOLD, threshold("acc", Aggregation.LATEST, 5, Comparison.GTE, 0.9));
        assertThat(rule.needed()).isEqualTo(1);
        assertThat(rule.evaluate(values(0.95))).isEqualTo(0.95);
        assertThat(rule.evaluate(values(0.95, 0.5))).isNaN();
    }

    @ParameterizedTest(name = "{0} {1} {2}: prior avg 10, current avg {3} -> {4}")
    @CsvSource({
            "RELATIVE, DECREASE, 0.2, 8.0, true", "RELATIVE, DECREASE, 0.2, 8.01, false",
            "RELATIVE, INCREASE, 0.2, 12.0, true", "RELATIVE, INCREASE, 0.2, 11.99, false",
            "RELATIVE, INCREASE, 0.2, 8.0, false", "RELATIVE, DECREASE, 0.2, 12.0, false",
            "RELATIVE, ANY, 0.2, 8.0, true", "RELATIVE, ANY, 0.2, 12.0, true", "RELATIVE, ANY, 0.2, 10.5, false",
            "ABSOLUTE, INCREASE, 2, 12.0, true", "ABSOLUTE, INCREASE, 2, 11.5, false",
            "ABSOLUTE, DECREASE, 2, 8.0, true", "ABSOLUTE, DECREASE, 2, 12.0, false",
            "ABSOLUTE, ANY, 2, 7.0, true", "ABSOLUTE, ANY, 2, 9.0, false" })
    void changeComparesTheCurrentWindowWithTheNonOverlappingPriorWindow(ChangeType type, ChangeDirection dir,
            double amount, double current, boolean fires) {
        MetricRule rule = rule(EventType.RUN_METRIC_CHANGE, change("acc", Aggregation.AVERAGE, 2, 3, type, dir, amount));
        assertThat(rule.needed()).isEqualTo(5);
        // prior window 9, 10, 11 (avg 10); current window two values averaging `current`
        RecentValues v = values(9, 10, 11, current - 0.5, current + 0.5);
        assertThat(Double.isNaN(rule.evaluate(v))).isEqualTo(!fires);
        assertThat(rule.evaluate(values(10, 11, current - 0.5, current + 0.5))).as("windows not full").isNaN();
    }

    @Test
    void changeValueIsTheChangeAndAggregationsApplyToBothWindows() {
        MetricRule relative = rule(EventType.RUN_METRIC_CHANGE,
                change("acc", Aggregation.AVERAGE, 1, 2, ChangeType.RELATIVE, ChangeDirection.DECREASE, 0.2));
        assertThat(relative.evaluate(values(1.0, 1.0, 0.7))).isEqualTo(-0.3, org.assertj.core.data.Offset.offset(1e-12));
        MetricRule max = rule(EventType.RUN_METRIC_CHANGE,
                change("acc", Aggregation.MAX, 2, 2, ChangeType.ABSOLUTE, ChangeDirection.INCREASE, 5));
        assertThat(max.evaluate(values(0, 10, 15, 1))).isEqualTo(5.0);
        assertThat(max.evaluate(values(0, 10, 14, 1))).isNaN();
        MetricRule min = rule(EventType.RUN_METRIC_CHANGE,
                change("acc", Aggregation.MIN, 2, 2, ChangeType.ABSOLUTE, ChangeDirection.DECREASE, 5));
        assertThat(min.evaluate(values(10, 6, 1, 7))).isEqualTo(-5.0);
        MetricRule latest = rule(EventType.RUN_METRIC_CHANGE,
                change("acc", Aggregation.LATEST, 2, 2, ChangeType.ABSOLUTE, ChangeDirection.INCREASE, 5));
        assertThat(latest.evaluate(values(0, 1, 100, 6))).isEqualTo(5.0);
        MetricRule zeroPrior = rule(EventType.RUN_METRIC_CHANGE,
                change("acc", Aggregation.AVERAGE, 1, 1, ChangeType.RELATIVE, ChangeDirection.ANY, 0.1));
        assertThat(zeroPrior.evaluate(values(0, 5))).as("relative change from 0 is undefined").isNaN();
    }

    @Test
    void zScoreUsesTheWindowBeforeTheLatestValue() {
        MetricRule rule = rule(EventType.RUN_METRIC_ZSCORE, zscore("gpu", 4, 2.0, ChangeDirection.ANY));
        assertThat(rule.needed()).isEqualTo(5);
        // window 1, 2, 3, 4: mean 2.5, population std sqrt(1.25) = 1.118; 2 sigma above = 4.736
        assertThat(rule.evaluate(values(1, 2, 3, 4, 4.74))).isEqualTo(4.74);
        assertThat(rule.evaluate(values(1, 2, 3, 4, 4.73))).isNaN();
        assertThat(rule.evaluate(values(1, 2, 3, 4, 0.26))).isEqualTo(0.26);
        assertThat(rule.evaluate(values(2, 3, 4, 4.74))).as("window not full").isNaN();
        assertThat(rule.evaluate(values(100, 1, 2, 3, 4, 4.74))).as("older values are outside the window").isEqualTo(4.74);
    }

    @Test
    void zScoreDirections() {
        MetricRule up = rule(EventType.RUN_METRIC_ZSCORE, zscore("gpu", 4, 2.0, ChangeDirection.INCREASE));
        MetricRule down = rule(EventType.RUN_METRIC_ZSCORE, zscore("gpu", 4, 2.0, ChangeDirection.DECREASE));
        assertThat(up.evaluate(values(1, 2, 3, 4, 10))).isEqualTo(10);
        assertThat(up.evaluate(values(1, 2, 3, 4, -10))).isNaN();
        assertThat(down.evaluate(values(1, 2, 3, 4, -10))).isEqualTo(-10);
        assertThat(down.evaluate(values(1, 2, 3, 4, 10))).isNaN();
    }

    @Test
    void zeroDeviationNeverFires() {
        MetricRule rule = rule(EventType.RUN_METRIC_ZSCORE, zscore("gpu", 3, 0.5, ChangeDirection.ANY));
        assertThat(rule.evaluate(values(0.1, 0.1, 0.1, 1000))).isNaN();
        assertThat(rule.evaluate(values(0.3, 0.3, 0.3, 0.3))).isNaN();
        assertThat(rule.explain(values(0.1, 0.1, 0.1, 1000))).contains("zero standard deviation");
    }

    @Test
    void defaultsOfTheContractApplyToAbsentFields() {
        assertThat(MetricRule.of(EventType.RUN_METRIC_THRESHOLD,
                threshold("loss", null, 5, Comparison.LT, 1.0)).needed()).isEqualTo(5);
        assertThat(MetricRule.of(EventType.RUN_METRIC_THRESHOLD, new EventFilter(null, null, "loss", null, null,
                Comparison.LT, 1.0, null, null, null, null, null, null, null, null)).needed()).isEqualTo(5);
        assertThat(MetricRule.of(EventType.RUN_METRIC_CHANGE, new EventFilter(null, null, "loss", null, null, null, null,
                null, null, null, ChangeDirection.ANY, 0.1, null, null, null)).needed()).isEqualTo(60);
        assertThatThrownBy(() -> MetricRule.of(EventType.RUN_METRIC_CHANGE, new EventFilter(null, null, "loss", null,
                null, null, null, null, null, null, null, 0.1, null, null, null)))
                .as("changeDir has no default in the contract").hasMessageContaining("changeDir");
        assertThat(MetricRule.of(EventType.RUN_METRIC_ZSCORE, new EventFilter(null, null, "loss", null, null, null, null,
                null, null, null, null, null, null, null, null)).needed()).isEqualTo(31);
        assertThatThrownBy(() -> MetricRule.of(EventType.RUN_METRIC_CHANGE, change("m", null, 1, 1, null, null, 0)))
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> MetricRule.of(EventType.RUN_METRIC_THRESHOLD, threshold(null, null, 5, Comparison.LT, 1)))
                .hasMessageContaining("metric");
        assertThatThrownBy(() -> MetricRule.of(EventType.RUN_METRIC_THRESHOLD, threshold("m", null, 0, Comparison.LT, 1)))
                .hasMessageContaining("window");
    }
}
