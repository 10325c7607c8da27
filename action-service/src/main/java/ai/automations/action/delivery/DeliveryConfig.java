package ai.automations.action.delivery;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How executions are scheduled: retries, leases and how much work this instance claims. How the calls themselves are
 * made (timeouts, address safety, per-integration limits) is {@link ai.automations.action.outbound.OutboundConfig},
 * under the same prefix.
 */
@ConfigMapping(prefix = "automations.delivery")
public interface DeliveryConfig {

    Retry retry();

    /** How long a claimed execution belongs to this instance before another may take it over. */
    @WithDefault("2m")
    Duration lease();

    /** How often the persisted schedule is swept for due executions (new work and retries also wake it at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How many due executions one sweep claims at most. */
    @WithDefault("100")
    int claimBatch();

    /** How many executions this instance works on at once, across all integrations. */
    @WithDefault("2000")
    int maxInFlight();

    /** The retry schedule: geometric delays from {@code first-delay} whose sum is about {@code horizon}. */
    interface Retry {
        /** Attempts in all, the first included. */
        @WithDefault("8")
        int maxAttempts();

        @WithDefault("24h")
        Duration horizon();

        @WithDefault("5s")
        Duration firstDelay();

        /** Each delay is spread by up to this fraction either way. */
        @WithDefault("0.2")
        double jitter();

        /** The longest {@code Retry-After} honoured; longer requests are capped to it. */
        @WithDefault("6h")
        Duration maxRetryAfter();
    }
}
