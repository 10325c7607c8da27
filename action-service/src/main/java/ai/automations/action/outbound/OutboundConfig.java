package ai.automations.action.outbound;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How calls to user-configured URLs are made: timeouts, which addresses may be reached, the per-integration limits
 * and how much of an answer is kept. These keys have always been {@code automations.delivery.*}; they live here
 * because everything that calls out (deliveries and the integration test call) obeys them.
 */
@ConfigMapping(prefix = "automations.delivery")
public interface OutboundConfig {

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

    PerIntegration perIntegration();

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
