package ai.automations.registry.source;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the source receivers and how long a source's signing secret is reused. */
@ConfigMapping(prefix = "automations.sources")
public interface SourcesConfig {

    /** The largest webhook body a receiver reads, in bytes (413 above it): 1 MiB. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** How far an MLflow delivery's X-MLflow-Timestamp may be from this service's clock (401 beyond it). */
    @WithDefault("5m")
    Duration maxClockSkew();

    /** How long a source's secret value, resolved from secrets-service, is reused before it is asked again. */
    @WithDefault("30s")
    Duration secretCacheTtl();

    /**
     * A delivery that fails verification with a cached value older than this asks secrets-service again (the
     * secret may have been rotated); younger values are not re-asked, so bad requests cannot flood secrets-service.
     */
    @WithDefault("5s")
    Duration secretRefreshAfter();

    /** The most secret values kept at once. */
    @WithDefault("10000")
    int secretCacheMaxEntries();

    /** How long a delivery's key is kept to recognise a replay (MLflow's own limit is the clock skew). */
    @WithDefault("P30D")
    Duration deliveryRetention();
}
