package ai.automations.registry.run;

import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.validation.ResourceName;

/** Bodies of the run endpoints. */
public final class RunViews {

    private RunViews() {
    }

    /** {@code POST .../runs}. */
    public record CreateRun(@ResourceName String id, @NotBlank @Size(max = 255) String name,
            @Size(max = 255) @Pattern(regexp = "(?s).*\\S.*", message = "may not be blank") String user,
            ObjectNode config) {
    }

    /** {@code PATCH .../runs/{runId}}. */
    public record UpdateRun(@NotNull @Pattern(regexp = "(?i)FINISHED|FAILED|CRASHED|KILLED",
            message = "must be FINISHED, FAILED, CRASHED or KILLED") String state) {
    }

    public record RunView(String id, String entity, String project, String name, String user,
            Map<String, Object> config, String state, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** The answer to a history call: how many metric records were published. */
    public record HistoryAccepted(String runId, int points, int records) {
    }
}
