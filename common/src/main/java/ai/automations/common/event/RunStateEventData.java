package ai.automations.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import ai.automations.common.validation.ResourceName;

/**
 * The {@code data} of a {@code RUN_STATE} event: a run reached a terminal state. {@code state} is the state
 * automations see ({@code CRASHED} is reported as {@code FAILED}); {@code reportedState} is the state the run
 * was actually given.
 */
public record RunStateEventData(
        @NotNull @ResourceName String entity,
        @NotNull @ResourceName String project,
        @NotBlank String runId,
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
