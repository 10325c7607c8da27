package ai.automations.common.event;

/** The Kafka topics of the contract; channel configuration in each service names the same topics. */
public final class Topics {
    public static final String EVENTS = "automation.events";
    public static final String RUN_METRICS = "automation.run-metrics";
    public static final String DEFINITIONS = "automation.definitions";
    public static final String ACTIONS = "automation.actions";
    public static final String ACTIONS_DLQ = "automation.actions.dlq";
    /** Internal: secrets-service's notices that a secret was created, rotated or deleted (never a value). */
    public static final String SECRET_CHANGES = "automation.secrets.changes";

    private Topics() {
    }
}
