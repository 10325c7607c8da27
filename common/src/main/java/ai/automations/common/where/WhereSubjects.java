package ai.automations.common.where;

import java.util.List;
import java.util.Map;

import ai.automations.common.event.ArtifactEventData;

/** The {@link WhereSubject}s of the suite's events: which data field each {@link WhereField} reads. */
public final class WhereSubjects {

    private WhereSubjects() {
    }

    /** An artifact event (version or collection). */
    public static WhereSubject artifact(ArtifactEventData data) {
        return field -> switch (field) {
            case ALIAS -> data.alias();
            case TAG -> data.tag();
            case ALIASES -> data.aliases();
            case TAGS -> data.tags();
            case ARTIFACT_TYPE -> data.artifactType();
            case COLLECTION -> data.collection();
            case COLLECTION_TAGS -> data.collectionTags();
            case AUTHOR -> data.author();
            case METADATA -> data.metadata();
            default -> null;
        };
    }

    /** A run, as its events and metric records describe it. */
    public static WhereSubject run(String runName, String user, List<String> tags, Map<String, Object> config) {
        return field -> switch (field) {
            case RUN_NAME -> runName;
            case USER -> user;
            case TAGS -> tags;
            case CONFIG -> config;
            default -> null;
        };
    }
}
