package ai.automations.common.event;

/** The {@code data} of a {@code RUN_STATE} event: a run reached a terminal state. */
public record RunStateEventData(
        String entity,
        String project,
        String runId,
        String runName,
        String user,
        String state,
        String author) {
}
