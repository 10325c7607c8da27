package ai.automations.trigger.evaluation;

/** A published definition this service cannot act on; it is left out of the index and explained by dry-runs. */
public class InvalidAutomationException extends RuntimeException {

    public InvalidAutomationException(String message) {
        super(message, null, false, false);
    }
}
