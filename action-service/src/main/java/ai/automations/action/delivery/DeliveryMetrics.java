package ai.automations.action.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.action.outbound.IntegrationLanes;
import ai.automations.common.automation.ActionSpec.ActionType;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Delivery metrics on {@code /q/metrics}: executions by final outcome, attempts by result with their latency, and
 * the depth of the work queues (persisted pending executions, calls waiting in integration lanes, in flight). Labels
 * are kinds and outcomes only: never URLs, names or values.
 */
@ApplicationScoped
public class DeliveryMetrics {

    /** The timer of {@link #eventToDelivery}; on /q/metrics {@code automations_event_to_delivery_seconds_*}. */
    public static final String EVENT_TO_DELIVERY = "automations.event.to.delivery";

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();

    public DeliveryMetrics(MeterRegistry registry, IntegrationLanes lanes) {
        this.registry = registry;
        Gauge.builder("automations.delivery.queue.depth", lanes, IntegrationLanes::queued)
                .description("Calls waiting for a slot in their integration's lane").register(registry);
        Gauge.builder("automations.delivery.in.flight", lanes, IntegrationLanes::running)
                .description("Calls in flight").register(registry);
        Gauge.builder("automations.executions.pending", pending, AtomicLong::get)
                .description("Executions still to be delivered (persisted schedule)").register(registry);
    }

    /** An execution reached a final state: finished, failed or skipped. */
    public void outcome(String kind, String outcome) {
        Counter.builder("automations.deliveries").description("Executions by final outcome")
                .tag("kind", kind).tag("outcome", outcome).register(registry).increment();
    }

    /** One attempt: success, retry (scheduled again) or failure. */
    public void attempt(String kind, String result, Duration duration) {
        Timer.builder("automations.delivery.attempt").description("Delivery attempts and their latency")
                .tag("kind", kind).tag("result", result).publishPercentileHistogram()
                .register(registry).record(duration);
    }

    /**
     * A delivery succeeded {@code latency} after its event happened (the event's CloudEvents {@code time}, stamped by
     * the service that recorded the change): the suite's end-to-end latency, read as percentiles from the histogram.
     */
    public void eventToDelivery(String kind, Duration latency) {
        Timer.builder(EVENT_TO_DELIVERY).description("From an event's time to the successful delivery it caused")
                .tag("kind", kind).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry)
                .record(latency.isNegative() ? Duration.ZERO : latency);
    }

    public void pending(long count) {
        pending.set(count);
    }

    /** The {@code kind} label of an action type. */
    public static String kind(ActionType type) {
        return switch (type) {
            case GENERIC_WEBHOOK -> "webhook";
            case NOTIFICATION -> "slack";
            case NO_OP -> "noop";
        };
    }
}
