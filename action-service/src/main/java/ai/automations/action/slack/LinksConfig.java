package ai.automations.action.slack;

import java.util.Optional;

/**
 * The suite's addresses a person opens from a message: where {@link ExecutionLinks} point. Produced by
 * {@link LinksConfigProducer} from two top-level properties (a mapping rooted at {@code automations} would claim every
 * other {@code automations.*} property).
 */
public interface LinksConfig {

    /**
     * The public address of action-service's API ({@code automations.public-url}, env AUTOMATIONS_PUBLIC_URL; the
     * front door's address serves it too): links point at its executions when no console is configured.
     */
    String publicUrl();

    /**
     * The public address of the web console ({@code automations.console-url}, env AUTOMATIONS_CONSOLE_URL): when set,
     * links open its pages, which a person can read after signing in.
     */
    Optional<String> consoleUrl();
}
