package ai.automations.console.ui.automation;

import java.util.List;

import io.quarkus.qute.TemplateData;

/** What the payload template editor offers (docs/events.md): every variable, with when it has a value. */
public final class PayloadVariables {

    /** One variable of the payload template. */
    @TemplateData
    public record Variable(String name, String description) {

        public String placeholder() {
            return "${" + name + "}";
        }
    }

    public static final List<Variable> ALL = List.of(
            new Variable("event_type", "the event type, e.g. ADD_ARTIFACT_ALIAS"),
            new Variable("event_author", "who made the change"),
            new Variable("entity_name", "the entity"),
            new Variable("project_name", "the project (project collections and runs)"),
            new Variable("automation_name", "this automation's name"),
            new Variable("alias", "the alias added (alias events)"),
            new Variable("tag", "the tag added or removed (tag events)"),
            new Variable("artifact_collection_name", "the collection (artifact events)"),
            new Variable("artifact_version", "the version, e.g. v3"),
            new Variable("artifact_version_string", "entity/registry-or-project/collection:vN"),
            new Variable("artifact_version_index", "the version's index, a number"),
            new Variable("artifact_metadata.KEY", "one metadata value of the version"),
            new Variable("run_id", "the run's id (run events)"),
            new Variable("run_name", "the run's name"),
            new Variable("run_state", "the run's state (RUN_STATE)"),
            new Variable("run_status", "W&B's name for the run's state"),
            new Variable("run_tags", "the run's tags, a JSON array"),
            new Variable("run_config.KEY", "one value of the run's config (RUN_STATE)"),
            new Variable("metric_name", "the metric (metric events)"),
            new Variable("metric_value", "the evaluated value"),
            new Variable("metric_values", "the window's values"),
            new Variable("metric_filter", "the condition, as text"),
            new Variable("event_time", "the event's time, ISO-8601"),
            new Variable("automation_url", "this automation's page in the console"),
            new Variable("run_url", "the run's page (run events)"),
            new Variable("artifact_url", "the version's page (artifact events)"),
            new Variable("ACCESS_TOKEN", "the integration's access token (shown as *** in history)"),
            new Variable("SECRET_NAME", "any secret of the entity by its name (shown as *** in history)"));

    private PayloadVariables() {
    }
}
