package ai.automations.trigger;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.event.EventType;
import ai.automations.trigger.definition.AutomationCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * What trigger-service reports on {@code /q/metrics}: events and metric points evaluated, firings by event type,
 * evaluation latency, the size of the index and of the window state, and every record it could not use. Created at
 * start so that every series is there from the first scrape.
 */
@Startup
@ApplicationScoped
public class TriggerMetrics {

    private final Counter eventsEvaluated;
    private final Counter pointsEvaluated;
    private final Counter pointsOutOfOrder;
    private final Counter cooldownSuppressed;
    private final Counter definitionFailures;
    private final Counter windowsEvicted;
    private final Counter stallChecks;
    private final Map<EventType, Counter> firings = new EnumMap<>(EventType.class);
    private final Timer eventEvaluation;
    private final Timer metricBatchEvaluation;
    private final MeterRegistry registry;

    public TriggerMetrics(MeterRegistry registry, AutomationCatalog catalog) {
        this.registry = registry;
        eventsEvaluated = Counter.builder("trigger.events.evaluated")
                .description("Artifact and run-state events evaluated against the index").register(registry);
        pointsEvaluated = Counter.builder("trigger.metric.points.evaluated")
                .description("Run-metric points evaluated against the index").register(registry);
        pointsOutOfOrder = Counter.builder("trigger.metric.points.ignored")
                .description("Run-metric points ignored because their step was not after the last one seen")
                .tag("reason", "step-not-increasing").register(registry);
        cooldownSuppressed = Counter.builder("trigger.firings.suppressed")
                .description("Run-metric firings held back by the once-per-run-in-24-hours rule")
                .tag("reason", "cooldown").register(registry);
        definitionFailures = Counter.builder("trigger.definitions.failures")
                .description("Definition records that could not be read").register(registry);
        windowsEvicted = Counter.builder("trigger.metric.windows.evicted")
                .description("(run, metric) windows dropped for being idle or over the memory bound").register(registry);
        stallChecks = Counter.builder("trigger.stall.checks")
                .description("Completed checks of the RUN_STALLED deadlines of the partitions owned").register(registry);
        for (EventType type : EventType.values()) {
            firings.put(type, Counter.builder("trigger.firings").description("Action requests emitted, by event type")
                    .tag("type", type.name()).register(registry));
        }
        eventEvaluation = Timer.builder("trigger.evaluation").description("Time to evaluate one event")
                .tag("source", "events").publishPercentiles(0.5, 0.99).register(registry);
        metricBatchEvaluation = Timer.builder("trigger.evaluation")
                .description("Time to evaluate one polled batch of run-metric points").tag("source", "run-metrics")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("trigger.index.automations", catalog, c -> c.index().size()).strongReference(true)
                .description("Enabled automations in the index").register(registry);
        Gauge.builder("trigger.definitions", catalog, AutomationCatalog::size).strongReference(true)
                .description("Automation definitions known, enabled or not").register(registry);
    }

    public void eventEvaluated(long nanos) {
        eventsEvaluated.increment();
        eventEvaluation.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void pointsEvaluated(int points, long nanos) {
        pointsEvaluated.increment(points);
        metricBatchEvaluation.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void pointsOutOfOrder(int points) {
        if (points > 0) {
            pointsOutOfOrder.increment(points);
        }
    }

    public void fired(EventType type) {
        firings.get(type).increment();
    }

    /** One check of the RUN_STALLED deadlines completed. */
    public void stallChecked() {
        stallChecks.increment();
    }

    public void cooldownSuppressed() {
        cooldownSuppressed.increment();
    }

    public void definitionFailure() {
        definitionFailures.increment();
    }

    public void windowsEvicted(int count) {
        if (count > 0) {
            windowsEvicted.increment(count);
        }
    }

    /** Counts a record that could not be used, by where it came from and why. */
    public void rejected(String source, String reason) {
        registry.counter("trigger.records.rejected", "source", source, "reason", reason).increment();
    }
}
