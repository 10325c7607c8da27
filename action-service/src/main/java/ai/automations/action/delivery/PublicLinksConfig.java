package ai.automations.action.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the payload variables {@code ${automation_url}}, {@code ${run_url}} and {@code ${artifact_url}} point: the
 * web console's pages under the suite's public address ({@code automations.public-url}, env AUTOMATIONS_PUBLIC_URL;
 * locally the console's front door on port 8080).
 */
@ConfigMapping(prefix = "automations.links")
public interface PublicLinksConfig {

    @WithDefault("${automations.public-url:http://localhost:8080}")
    String publicUrl();
}
