package ai.automations.action.integration;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long an integration's description from registry-service is reused. */
@ConfigMapping(prefix = "automations.integrations")
public interface IntegrationsConfig {

    @WithDefault("5s")
    Duration cacheTtl();
}
