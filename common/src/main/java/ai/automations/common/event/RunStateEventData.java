package ai.automations.common.event;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import ai.automations.common.validation.ResourceName;

/**
 * The {@code data} of a {@code RUN_STATE} event: a run started, resumed or reached a terminal state. {@code state} is the state
 * automations see ({@code CRASHED} is reported as {@code FAILED}); {@code reportedState} is the state the run
 * was actually given. A run's creation and its resumption are {@code RUNNING}. {@code tags} and {@code config} are
 * the run's, for {@code where} filters.
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
        List<String> tags,
        Map<String, Object> config) {

    /** The event data without the run's tags and config. */
    public RunStateEventData(String entity, String project, String runId, String runName, String user, String state,
            String author, String reportedState) {
        this(entity, project, runId, runName, user, state, author, reportedState, null, null);
    }

    /** The event data without the reported state. */
    public RunStateEventData(String entity, String project, String runId, String runName, String user, String state,
            String author) {
        this(entity, project, runId, runName, user, state, author, null);
    }
}
