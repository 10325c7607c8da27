package ai.automations.action.secret;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long resolved secret values are reused before secrets-service is asked again. */
@ConfigMapping(prefix = "automations.secrets")
public interface SecretsConfig {

    /** A change notice drops a value at once; this bounds staleness if a notice is missed. */
    @WithDefault("30s")
    Duration cacheTtl();

    @WithDefault("10000")
    int cacheMaxEntries();
}
