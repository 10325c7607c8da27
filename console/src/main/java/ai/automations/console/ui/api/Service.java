package ai.automations.console.ui.api;

import java.net.URI;

import ai.automations.console.config.ConsoleConfig;

/** The service that owns a call: the console talks to each one at its configured base URL. */
public enum Service {
    REGISTRY, TRIGGER, ACTION, SECRETS;

    URI baseUrl(ConsoleConfig config) {
        return switch (this) {
            case REGISTRY -> config.services().registry();
            case TRIGGER -> config.services().trigger();
            case ACTION -> config.services().action();
            case SECRETS -> config.services().secrets();
        };
    }
}
