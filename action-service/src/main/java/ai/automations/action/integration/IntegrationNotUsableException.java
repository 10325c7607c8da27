package ai.automations.action.integration;

/** The integration does not exist or is disabled: deliveries through it fail without retry. */
public class IntegrationNotUsableException extends RuntimeException {

    public IntegrationNotUsableException(String message) {
        super(message, null, false, false);
    }
}
