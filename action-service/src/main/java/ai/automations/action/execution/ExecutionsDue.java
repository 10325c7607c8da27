package ai.automations.action.execution;

/**
 * Fired when executions became due outside the schedule (a redelivery was asked for), so that delivery sweeps at once.
 * An event rather than a call keeps the execution history free of the delivery machinery.
 */
public record ExecutionsDue() {
}
