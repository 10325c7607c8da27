package ai.automations.action.delivery;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How executions are delivered: timeouts, outbound address safety, retries, per-integration limits and leases. */
@ConfigMapping(prefix = "automations.delivery")
public interface DeliveryConfig {

    /** The whole-request deadline of one outbound call. */
    @WithDefault("10s")
    Duration requestTimeout();

    @WithDefault("5s")
    Duration connectTimeout();

    /** How much of a response body is kept in the history (and returned by the test call). */
    @WithDefault("4096")
    int maxStoredBodyBytes();

    /** Allow outbound calls to loopback addresses (the local profile of {@code bin/automations up} does). */
    @WithDefault("false")
    boolean allowLoopback();

    /** Allow outbound calls to private, link-local and unique-local addresses (cloud metadata addresses never). */
    @WithDefault("false")
    boolean allowPrivateNetworks();

    /** The version in {@code User-Agent: automations/<version>}. */
    @WithDefault("${quarkus.application.version:dev}")
    String version();

    Retry retry();

    PerIntegration perIntegration();

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

    /** Limits per integration, so one slow or dead endpoint never delays the others. */
    interface PerIntegration {
        /** Calls in flight to one integration at once. */
        @WithDefault("4")
        int concurrency();

        /** Calls started per second to one integration (a token bucket with a burst of one second). */
        @WithDefault("50")
        double ratePerSecond();

        /** Executions queued for one integration; beyond it the sweep leaves that integration's work in the database. */
        @WithDefault("200")
        int maxQueued();
    }
}
