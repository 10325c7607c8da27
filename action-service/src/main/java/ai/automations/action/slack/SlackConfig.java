package ai.automations.action.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where Slack's Web API is (an integration may override it) and where notification links point. */
@ConfigMapping(prefix = "automations.slack")
public interface SlackConfig {

    @WithDefault("https://slack.com/api")
    String apiBaseUrl();

    /** The suite's public address for links in messages ({@code automations.public-url}, env AUTOMATIONS_PUBLIC_URL). */
    @WithDefault("${automations.public-url:http://localhost:8083}")
    String publicUrl();
}
