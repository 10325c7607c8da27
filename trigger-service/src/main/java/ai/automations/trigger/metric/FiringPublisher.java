package ai.automations.trigger.metric;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.RunMetricEventData;
import ai.automations.common.tracing.TraceLogs;
import ai.automations.common.tracing.Tracing;
import ai.automations.trigger.TriggerConfig;
import ai.automations.trigger.TriggerMetrics;
import ai.automations.trigger.action.ActionPublisher;
import ai.automations.trigger.evaluation.AutomationEvaluator;
import ai.automations.trigger.evaluation.Trace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Turns run-metric firings into action requests: drops those the persisted ledger says fired for the run within the
 * quiet time, publishes the rest (each with a synthesised RUN_METRIC_* CloudEvent whose id is deterministic), and
 * records them in the ledger once the broker has them.
 */
@ApplicationScoped
public class FiringPublisher {

    /** A window whose cached last firing must be corrected from the ledger. */
    public record Correction(MetricWindow window, String automationId, long firedAt) {
    }

    private final FiringLedger ledger;
    private final ActionPublisher publisher;
    private final ObjectMapper mapper;
    private final TriggerConfig config;
    private final TriggerMetrics metrics;
    private final Tracing tracing;

    public FiringPublisher(FiringLedger ledger, ActionPublisher publisher, ObjectMapper mapper, TriggerConfig config,
            TriggerMetrics metrics, Tracing tracing) {
        this.tracing = tracing;
        this.ledger = ledger;
        this.publisher = publisher;
        this.mapper = mapper;
        this.config = config;
        this.metrics = metrics;
    }

    /** Emits what may fire; the caller applies the returned corrections on the context its windows are confined to. */
    public Uni<List<Correction>> publish(List<Firing> firings, long now) {
        return publish(firings, now, Map.of());
    }

    /** Notes that {@code caused} came from a record carrying {@code traceparent} (nothing when it carried none). */
    public static void traced(Map<Firing, String> traces, List<Firing> caused, String traceparent) {
        if (traceparent != null && !caused.isEmpty()) {
            caused.forEach(firing -> traces.put(firing, traceparent));
        }
    }

    /**
     * As {@link #publish(List, long)}; a firing with a {@code traceparent} in {@code traces} (the run-metric record that
     * caused it) is evaluated under a span of that trace, and its action request continues it.
     */
    public Uni<List<Correction>> publish(List<Firing> firings, long now, Map<Firing, String> traces) {
        long quietMillis = config.cooldown().toMillis();
        return ledger.lastFirings(firings).chain(last -> {
            List<Firing> send = new ArrayList<>(firings.size());
            List<Correction> corrections = new ArrayList<>();
            for (Firing firing : firings) {
                Instant previous = last.get(FiringLedger.key(firing));
                long lastFired = previous == null ? AutomationEvaluator.NEVER : previous.toEpochMilli();
                if (AutomationEvaluator.coolingDown(firing.runId(), lastFired, now, quietMillis, Trace.OFF)) {
                    corrections.add(new Correction(firing.window(), firing.automation().id(), previous.toEpochMilli()));
                    metrics.cooldownSuppressed();
                } else {
                    send.add(firing);
                }
            }
            OffsetDateTime requestedAt = Instant.ofEpochMilli(now).atOffset(ZoneOffset.UTC);
            List<ActionRequest> requests = new ArrayList<>(send.size());
            Map<String, String> traceparents = new HashMap<>();
            for (Firing firing : send) {
                ActionRequest request = ActionRequest.of(firing.automation().definition(), event(firing, requestedAt),
                        requestedAt);
                requests.add(request);
                Span span = span(firing, traces.get(firing));
                try (TraceLogs logs = TraceLogs.of(span)) {
                    Log.debugf("Automation %s fires for run %s on %s at step %d", firing.automation().id(),
                            firing.runId(), firing.metric(), firing.step());
                }
                span.end();
                String traceparent = Tracing.traceparent(span);
                if (traceparent != null) {
                    traceparents.put(request.id(), traceparent);
                }
            }
            return publisher.publish(requests, traceparents).chain(() -> ledger.record(send, now))
                    .replaceWith(corrections);
        }).onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5);
    }

    /** The firing's span in the trace of the history call that caused it; a no-op span when untraced. */
    private Span span(Firing firing, String traceparent) {
        if (traceparent == null || !tracing.enabled()) {
            return Span.getInvalid();
        }
        Span span = tracing.start("evaluate " + firing.automation().type().cloudEventType(), SpanKind.CONSUMER,
                traceparent);
        span.setAttribute("automations.automation.id", firing.automation().id());
        span.setAttribute("automations.run.id", firing.runId());
        span.setAttribute("automations.metric", firing.metric());
        span.setAttribute("automations.step", firing.step());
        return span;
    }

    /** The CloudEvent a firing is announced with. */
    public CloudEvent event(Firing firing, OffsetDateTime fallbackTime) {
        List<Double> values = new ArrayList<>(firing.values().length);
        for (double v : firing.values()) {
            values.add(v);
        }
        RunMetricEventData data = new RunMetricEventData(firing.entity(), firing.project(), firing.runId(),
                firing.runName(), firing.user(), firing.metric(), firing.step(), firing.value(), values,
                firing.automation().definition().event().filter(), firing.tags(), firing.config());
        OffsetDateTime time = firing.timestamp() == null ? fallbackTime : firing.timestamp().atOffset(ZoneOffset.UTC);
        // the subject is the run's path, as on the registry's RUN_STATE events: a run id is unique per project only
        String subject = firing.entity() + '/' + firing.project() + '/' + firing.runId();
        return CloudEvent.of(firing.eventId(), config.eventSource(), firing.automation().type(), subject, time,
                mapper.valueToTree(data));
    }
}
