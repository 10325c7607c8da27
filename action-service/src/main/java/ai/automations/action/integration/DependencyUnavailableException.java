package ai.automations.action.integration;

import jakarta.ws.rs.WebApplicationException;

/** Another service of the suite could not answer; the delivery is tried again later. */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String service, Throwable cause) {
        super(service + " is unavailable (" + describe(cause) + ")", null, false, false);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof WebApplicationException w) {
            return "HTTP " + w.getResponse().getStatus();
        }
        return cause.getClass().getSimpleName();
    }
}
