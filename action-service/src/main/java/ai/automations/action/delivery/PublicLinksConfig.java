package ai.automations.action.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the payload variables {@code ${automation_url}}, {@code ${run_url}} and {@code ${artifact_url}} point: the
 * web console's pages under its public address ({@code automations.console-url}, env AUTOMATIONS_CONSOLE_URL, which
 * also sets where Slack's "View executions" opens; locally the console's front door on port 8080).
 */
@ConfigMapping(prefix = "automations.links")
public interface PublicLinksConfig {

    @WithDefault("${automations.console-url:http://localhost:8080}")
    String publicUrl();
}
