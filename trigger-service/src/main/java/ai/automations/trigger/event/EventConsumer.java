package ai.automations.trigger.event;

import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.tracing.TraceLogs;
import ai.automations.common.tracing.Tracing;
import ai.automations.trigger.TriggerMetrics;
import ai.automations.trigger.action.ActionPublisher;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.stall.StallTracker;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code automation.events} (group {@code trigger-service}) in batches, CloudEvents in structured or binary
 * mode ({@link KafkaCloudEvents}): each event is evaluated once the index is ready, the batch's action requests are
 * published, and only then is the batch acknowledged (at-least-once; a replay yields the same request ids, which
 * action-service deduplicates). Unusable records are logged and counted, never silently dropped. RUN_STATE events
 * also arm (RUNNING: created or resumed) or end a run's RUN_STALLED deadlines, after the batch's requests are published.
 */
@ApplicationScoped
public class EventConsumer {

    private final AutomationCatalog catalog;
    private final EventEvaluator evaluator;
    private final ActionPublisher publisher;
    private final KafkaCloudEvents reader;
    private final TriggerMetrics metrics;
    private final InstantSource clock;
    private final StallTracker stalls;
    private final Tracing tracing;

    public EventConsumer(AutomationCatalog catalog, EventEvaluator evaluator, ActionPublisher publisher,
            KafkaCloudEvents reader, TriggerMetrics metrics, InstantSource clock, StallTracker stalls,
            Tracing tracing) {
        this.stalls = stalls;
        this.tracing = tracing;
        this.catalog = catalog;
        this.evaluator = evaluator;
        this.publisher = publisher;
        this.reader = reader;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A batch of records, each a CloudEvent in structured or binary mode: every request it yields is acknowledged by
     * the broker before the batch is.
     */
    @Incoming("events")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return catalog.awaitReady().chain(() -> {
            List<ActionRequest> requests = new ArrayList<>();
            List<CloudEvent> runStates = new ArrayList<>();
            Map<String, String> traceparents = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                requests.addAll(evaluate(record, runStates, traceparents));
            }
            return publisher.publish(requests, traceparents)
                    .chain(() -> stalls.runStates(catalog.index(), runStates, clock.instant()));
        });
    }

    /**
     * The requests a record triggers. The evaluation is a span of the event's trace (its {@code traceparent}
     * extension; a new trace for an event published without one), and each request it yields is published as a
     * child of that span.
     */
    private List<ActionRequest> evaluate(ConsumerRecord<String, byte[]> record, List<CloudEvent> runStates,
            Map<String, String> traceparents) {
        CloudEvent event;
        try {
            event = reader.read(record);
        } catch (Exception e) {
            metrics.rejected("events", "unreadable");
            Log.warnf("Ignored an unreadable record on automation.events (partition %d, offset %d): %s",
                    record.partition(), record.offset(), e.getMessage());
            return List.of();
        }
        if (event == null) {
            metrics.rejected("events", "empty");
            Log.warn("Ignored an empty record on automation.events");
            return List.of();
        }
        EventType type = event.eventType().orElse(null);
        if (type == null || type.isDerived()) {
            metrics.rejected("events", "unknown-type");
            Log.warnf("Ignored event %s of type %s on automation.events: not an artifact or run-state event",
                    event.id(), event.type());
            return List.of();
        }
        if (type == EventType.RUN_STATE) {
            runStates.add(event);
        }
        long start = System.nanoTime();
        Span span = tracing.start("evaluate " + type.cloudEventType(), SpanKind.CONSUMER, event.traceparent());
        try (TraceLogs logs = TraceLogs.of(span)) {
            return evaluate(event, type, span, start, traceparents);
        }
    }

    private List<ActionRequest> evaluate(CloudEvent event, EventType type, Span span, long start,
            Map<String, String> traceparents) {
        List<ActionRequest> requests;
        try {
            requests = evaluator.requests(catalog.index(), event, clock.instant().atOffset(ZoneOffset.UTC));
        } catch (IllegalArgumentException e) {
            metrics.rejected("events", "bad-data");
            Log.warnf("Ignored event %s of type %s: its data does not fit the contract: %s", event.id(), type,
                    e.getMessage());
            span.setStatus(StatusCode.ERROR, "event data does not fit the contract");
            span.end();
            return List.of();
        }
        span.setAttribute("cloudevents.event_id", event.id());
        span.setAttribute("cloudevents.event_type", event.type());
        span.setAttribute("automations.requests", requests.size());
        span.end();
        String traceparent = Tracing.traceparent(span);
        if (traceparent != null) {
            requests.forEach(request -> traceparents.put(request.id(), traceparent));
        }
        metrics.eventEvaluated(System.nanoTime() - start);
        if (!requests.isEmpty()) {
            Log.debugf("Event %s (%s) triggers %d automation(s)", event.id(), type, requests.size());
        }
        return requests;
    }
}
