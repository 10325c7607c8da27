package ai.automations.trigger.event;

import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.tracing.Tracing;
import ai.automations.trigger.TriggerMetrics;
import ai.automations.trigger.action.ActionPublisher;
import ai.automations.trigger.definition.AutomationCatalog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code automation.events} (group {@code trigger-service}) in batches: each event is evaluated once the index
 * is ready, the batch's action requests are published, and only then is the batch acknowledged (at-least-once; a replay yields
 * the same request ids, which action-service deduplicates). Unusable records are logged and counted, never silently
 * dropped.
 */
@ApplicationScoped
public class EventConsumer {

    private final AutomationCatalog catalog;
    private final EventEvaluator evaluator;
    private final ActionPublisher publisher;
    private final ObjectMapper mapper;
    private final TriggerMetrics metrics;
    private final InstantSource clock;
    private final Tracing tracing;

    public EventConsumer(AutomationCatalog catalog, EventEvaluator evaluator, ActionPublisher publisher,
            ObjectMapper mapper, TriggerMetrics metrics, InstantSource clock, Tracing tracing) {
        this.tracing = tracing;
        this.catalog = catalog;
        this.evaluator = evaluator;
        this.publisher = publisher;
        this.mapper = mapper;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A batch of records: every request it yields is acknowledged by the broker before the batch is. */
    @Incoming("events")
    public Uni<Void> consume(List<String> records) {
        return catalog.awaitReady().chain(() -> {
            List<ActionRequest> requests = new ArrayList<>();
            Map<String, String> traceparents = new HashMap<>();
            for (String json : records) {
                requests.addAll(evaluate(json, traceparents));
            }
            return publisher.publish(requests, traceparents);
        });
    }

    /**
     * The requests {@code json} triggers. The evaluation is a span of the event's trace (its {@code traceparent}
     * extension; a new trace for an event published without one), and each request it yields is published as a
     * child of that span.
     */
    private List<ActionRequest> evaluate(String json, Map<String, String> traceparents) {
        if (json == null) {
            metrics.rejected("events", "empty");
            Log.warn("Ignored an empty record on automation.events");
            return List.of();
        }
        CloudEvent event;
        try {
            event = mapper.readValue(json, CloudEvent.class);
        } catch (Exception e) {
            metrics.rejected("events", "unreadable");
            Log.warnf("Ignored an unreadable record on automation.events: %s", e.getMessage());
            return List.of();
        }
        EventType type = event.eventType().orElse(null);
        if (type == null || type.isRunMetricEvent()) {
            metrics.rejected("events", "unknown-type");
            Log.warnf("Ignored event %s of type %s on automation.events: not an artifact or run-state event",
                    event.id(), event.type());
            return List.of();
        }
        long start = System.nanoTime();
        Span span = tracing.start("evaluate " + type.cloudEventType(), SpanKind.CONSUMER, event.traceparent());
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
