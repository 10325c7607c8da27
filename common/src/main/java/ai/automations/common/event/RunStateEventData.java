package ai.automations.common.event;

/**
 * The {@code data} of a {@code RUN_STATE} event: a run reached a terminal state. {@code state} is the state
 * automations see ({@code CRASHED} is reported as {@code FAILED}); {@code reportedState} is the state the run
 * was actually given.
 */
public record RunStateEventData(
        String entity,
        String project,
        String runId,
        String runName,
        String user,
        String state,
        String author,
        String reportedState) {

    /** The event data without the reported state. */
    public RunStateEventData(String entity, String project, String runId, String runName, String user, String state,
            String author) {
        this(entity, project, runId, runName, user, state, author, null);
    }
}
