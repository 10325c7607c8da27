package ai.automations.console.ui.automation;

import java.util.List;

import io.quarkus.qute.TemplateData;

/** The choices of the automation form, as the API contract lists them. */
@TemplateData
public record FormOptions(List<String> scopes, List<String> events, List<String> aggs, List<String> cmps,
        List<String> changeTypes, List<String> changeDirs, List<String> states, List<String> actions,
        List<String> severities) {

    /** The events a preview can build from a real version (collection tag events concern no version). */
    public List<String> artifactEvents() {
        return events.stream().filter(e -> !e.startsWith("RUN_") && !e.endsWith("_COLLECTION_TAG")).toList();
    }

    /** The placeholder of the {@code where} editor: a version linked as a candidate with an accuracy of 0.9 or more. */
    public String whereExample() {
        return "{\"$and\": [{\"aliases\": {\"$contains\": \"candidate\"}}, {\"metadata.accuracy\": {\"$gte\": 0.9}}]}";
    }

    public static final FormOptions CONTRACT = new FormOptions(
            List.of("ENTITY", "PROJECT", "REGISTRY", "ARTIFACT_COLLECTION"),
            List.of("CREATE_ARTIFACT", "LINK_ARTIFACT", "UNLINK_ARTIFACT", "ADD_ARTIFACT_ALIAS", "ADD_ARTIFACT_TAG",
                    "REMOVE_ARTIFACT_TAG", "ADD_COLLECTION_TAG", "REMOVE_COLLECTION_TAG", "RUN_METRIC_THRESHOLD",
                    "RUN_METRIC_CHANGE", "RUN_METRIC_ZSCORE", "RUN_METRIC_DIVERGED", "RUN_STALLED", "RUN_STATE"),
            List.of("AVERAGE", "MIN", "MAX"), List.of(">", ">=", "<", "<=", "==", "!="),
            List.of("RELATIVE", "ABSOLUTE"), List.of("INCREASE", "DECREASE", "ANY"),
            List.of("RUNNING", "FINISHED", "FAILED", "CRASHED"), List.of("GENERIC_WEBHOOK", "NOTIFICATION", "NO_OP"),
            List.of("INFO", "WARN", "ERROR"));
}
