package ai.automations.registry.run;

import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Bodies of the run endpoints. */
public final class RunViews {

    private RunViews() {
    }

    /** {@code POST .../runs}. */
    public record CreateRun(String id, String name, String user, JsonNode config) {
    }

    /** {@code PATCH .../runs/{runId}}. */
    public record UpdateRun(String state) {
    }

    public record RunView(String id, String entity, String project, String name, String user,
            Map<String, Object> config, String state, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** The answer to a history call: how many metric records were published. */
    public record HistoryAccepted(String runId, int points, int records) {
    }
}
