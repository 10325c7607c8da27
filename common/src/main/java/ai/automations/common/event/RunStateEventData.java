package ai.automations.common.event;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import ai.automations.common.validation.ResourceName;

/**
 * The {@code data} of a {@code RUN_STATE} event: a run reached a terminal state. {@code state} is the state
 * automations see ({@code CRASHED} is reported as {@code FAILED}); {@code reportedState} is the state the run
 * was actually given. {@code config} is the run's config (null when it has none), for {@code ${run_config.KEY}}.
 */
public record RunStateEventData(
        @NotNull @ResourceName String entity,
        @NotNull @ResourceName String project,
        @NotBlank String runId,
        String runName,
        String user,
        String state,
        String author,
        String reportedState,
        Map<String, Object> config) {

    /** The event data without the run's config. */
    public RunStateEventData(String entity, String project, String runId, String runName, String user, String state,
            String author, String reportedState) {
        this(entity, project, runId, runName, user, state, author, reportedState, null);
    }

    /** The event data without the reported state. */
    public RunStateEventData(String entity, String project, String runId, String runName, String user, String state,
            String author) {
        this(entity, project, runId, runName, user, state, author, null);
    }
}
