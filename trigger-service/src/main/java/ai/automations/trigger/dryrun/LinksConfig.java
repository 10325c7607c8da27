package ai.automations.trigger.dryrun;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where a dry-run's {@code ${automation_url}}, {@code ${run_url}} and {@code ${artifact_url}} point: the same web
 * console address action-service renders them with for real firings ({@code automations.links.public-url}, else
 * {@code automations.console-url}, env AUTOMATIONS_CONSOLE_URL; locally the console's front door on port 8080), so the
 * preview shows the links a delivery would carry.
 */
@ConfigMapping(prefix = "automations.links")
public interface LinksConfig {

    @WithDefault("${automations.console-url:http://localhost:8080}")
    String publicUrl();
}
