package ai.automations.registry.run;

import java.time.OffsetDateTime;
import java.util.List;
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
            ObjectNode config, @Size(max = MAX_TAGS) List<@NotNull @ResourceName String> tags) {
    }

    /**
     * {@code PATCH .../runs/{runId}}: a new state (RUNNING resumes an ended run), new tags (replacing the run's), or
     * both.
     */
    public record UpdateRun(@Pattern(regexp = "(?i)RUNNING|FINISHED|FAILED|CRASHED|KILLED",
            message = "must be RUNNING, FINISHED, FAILED, CRASHED or KILLED") String state,
            @Size(max = MAX_TAGS) List<@NotNull @ResourceName String> tags) {
    }

    /** The most tags a run may have. */
    public static final int MAX_TAGS = 100;

    public record RunView(String id, String entity, String project, String name, String user,
            Map<String, Object> config, String state, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            List<String> tags) {
    }

    /** The answer to a history call: how many metric records were stored and published. */
    public record HistoryAccepted(String runId, int points, int records) {
    }

    /** One logged value of a metric. */
    public record MetricPoint(long step, double value, OffsetDateTime timestamp) {
    }

    /** {@code GET .../runs/{runId}/history}: each metric's points by step, downsampled to the limit asked. */
    public record RunHistory(Map<String, List<MetricPoint>> metrics) {
    }

    /** A metric of a run: how many points it has, its extremes and its last (highest step) point. */
    public record MetricSummary(String name, long count, double min, double max, MetricPoint last) {
    }

    /** {@code GET .../runs/{runId}/metrics}: the run's metrics by name. */
    public record RunMetrics(List<MetricSummary> metrics) {
    }
}
