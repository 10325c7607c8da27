package ai.automations.action.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where Slack's Web API is (an integration may override it); where links point is {@link LinksConfig}. */
@ConfigMapping(prefix = "automations.slack")
public interface SlackConfig {

    @WithDefault("https://slack.com/api")
    String apiBaseUrl();
}
