package ai.automations.trigger.metric;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.RunMetricEventData;
import ai.automations.trigger.TriggerConfig;
import ai.automations.trigger.TriggerMetrics;
import ai.automations.trigger.action.ActionPublisher;
import ai.automations.trigger.evaluation.AutomationEvaluator;
import ai.automations.trigger.evaluation.Trace;
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

    public FiringPublisher(FiringLedger ledger, ActionPublisher publisher, ObjectMapper mapper, TriggerConfig config,
            TriggerMetrics metrics) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.mapper = mapper;
        this.config = config;
        this.metrics = metrics;
    }

    /** Emits what may fire; the caller applies the returned corrections on the context its windows are confined to. */
    public Uni<List<Correction>> publish(List<Firing> firings, long now) {
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
            for (Firing firing : send) {
                requests.add(ActionRequest.of(firing.automation().definition(), event(firing, requestedAt), requestedAt));
                Log.debugf("Automation %s fires for run %s on %s at step %d", firing.automation().id(), firing.runId(),
                        firing.metric(), firing.step());
            }
            return publisher.publish(requests).chain(() -> ledger.record(send, now)).replaceWith(corrections);
        }).onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5);
    }

    /** The CloudEvent a firing is announced with. */
    public CloudEvent event(Firing firing, OffsetDateTime fallbackTime) {
        List<Double> values = new ArrayList<>(firing.values().length);
        for (double v : firing.values()) {
            values.add(v);
        }
        RunMetricEventData data = new RunMetricEventData(firing.entity(), firing.project(), firing.runId(),
                firing.runName(), firing.user(), firing.metric(), firing.step(), firing.value(), values,
                firing.automation().definition().event().filter());
        OffsetDateTime time = firing.timestamp() == null ? fallbackTime : firing.timestamp().atOffset(ZoneOffset.UTC);
        // the subject is the run's path, as on the registry's RUN_STATE events: a run id is unique per project only
        String subject = firing.entity() + '/' + firing.project() + '/' + firing.runId();
        return CloudEvent.of(firing.eventId(), config.eventSource(), firing.automation().type(), subject, time,
                mapper.valueToTree(data));
    }
}
