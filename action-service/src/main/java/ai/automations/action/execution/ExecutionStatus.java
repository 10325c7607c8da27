package ai.automations.action.execution;

/** Where an execution stands; PENDING is the only state that is still delivered. */
public enum ExecutionStatus {
    PENDING, FINISHED, FAILED, SKIPPED
}
