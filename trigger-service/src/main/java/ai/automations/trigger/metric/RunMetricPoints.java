package ai.automations.trigger.metric;

import java.util.List;

import ai.automations.common.event.RunMetricRecord;

/**
 * The points one {@code automation.run-metrics} record carries, in the order they are evaluated: every point of a
 * {@link ai.automations.common.event.RunMetricBatch}, or the one point of a {@link RunMetricRecord}.
 */
public record RunMetricPoints(List<RunMetricRecord> points) {
}
