package ai.automations.action.slack;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The suite's addresses a person opens from a message: where {@link ExecutionLinks} point. */
@ConfigMapping(prefix = "automations")
public interface LinksConfig {

    /**
     * The public address of action-service's API ({@code automations.public-url}, env AUTOMATIONS_PUBLIC_URL; the
     * front door's address serves it too): links point at its executions when no console is configured.
     */
    @WithDefault("http://localhost:8083")
    String publicUrl();

    /**
     * The public address of the web console ({@code automations.console-url}, env AUTOMATIONS_CONSOLE_URL): when set,
     * links open its pages, which a person can read after signing in.
     */
    Optional<String> consoleUrl();
}
