package ai.automations.trigger;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** trigger-service's own settings. */
@ConfigMapping(prefix = "automations.trigger")
public interface TriggerConfig {

    /** A run-metric automation fires at most once per run within this time (the contract says 24 hours). */
    @WithDefault("24h")
    Duration cooldown();

    /** A (run, metric) window not updated for this long is dropped from memory and from the checkpoint. */
    @WithDefault("72h")
    Duration windowIdleTimeout();

    /** At most this many (run, metric) windows are kept per instance; the least recently updated runs go first. */
    @WithDefault("2000000")
    int maxWindows();

    /** How often window state and offsets are checkpointed (also the SmallRye checkpoint commit interval). */
    @WithDefault("5000")
    int checkpointIntervalMs();

    /** The CloudEvents {@code source} of the run-metric events this service synthesises. */
    @WithDefault("/automations/trigger-service")
    String eventSource();

    /**
     * How often RUN_STALLED deadlines are checked (read by the scheduler as {@code automations.trigger.stall-check-interval});
     * a stall fires at most this late.
     */
    @WithDefault("5s")
    Duration stallCheckInterval();

    /**
     * How often run-metric firings past the quiet time are deleted from the ledger (read by the scheduler as
     * {@code automations.trigger.ledger-purge-interval}; {@code off} disables it).
     */
    @WithDefault("1h")
    String ledgerPurgeInterval();

    /** The most events {@code POST /api/v1/events} accepts in one call. */
    @WithDefault("1000")
    int maxIngestBatch();
}
