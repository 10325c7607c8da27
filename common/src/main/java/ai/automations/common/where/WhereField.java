package ai.automations.common.where;

import java.util.EnumSet;
import java.util.Set;

import ai.automations.common.event.EventType;

/**
 * The fields a {@code where} filter can name. Each is read from the event's data by a {@link WhereSubject}; the
 * {@link #METADATA} and {@link #CONFIG} roots take a dotted path into a JSON object ({@code metadata.eval.accuracy}).
 */
public enum WhereField {
    ALIAS("alias"),
    TAG("tag"),
    ALIASES("aliases"),
    TAGS("tags"),
    ARTIFACT_TYPE("artifactType"),
    COLLECTION("collection"),
    COLLECTION_TAGS("collectionTags"),
    AUTHOR("author"),
    METADATA("metadata"),
    RUN_NAME("runName"),
    USER("user"),
    CONFIG("config");

    /** The fields of artifact events (versions and collections). */
    public static final Set<WhereField> ARTIFACT = EnumSet.of(ALIAS, TAG, ALIASES, TAGS, ARTIFACT_TYPE, COLLECTION,
            COLLECTION_TAGS, AUTHOR, METADATA);
    /**
     * The fields of run events: states, metric rules and stalls (metric records carry the run's config, and a stall
     * deadline keeps the config of the run's last RUNNING state or history record).
     */
    public static final Set<WhereField> RUN = EnumSet.of(RUN_NAME, USER, TAGS, CONFIG);

    /** The fields a {@code where} filter of an automation on {@code type} may name. */
    public static Set<WhereField> of(EventType type) {
        if (type.isArtifactEvent()) {
            return ARTIFACT;
        }
        return RUN;
    }

    private final String jsonName;

    WhereField(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The field's name in a {@code where} expression. */
    public String jsonName() {
        return jsonName;
    }

    /** Whether the field takes a dotted path after its name. */
    public boolean nested() {
        return this == METADATA || this == CONFIG;
    }

    /** The field a name in an expression refers to (its root, for a dotted path), or null. */
    static WhereField named(String root) {
        for (WhereField field : values()) {
            if (field.jsonName.equals(root)) {
                return field;
            }
        }
        return null;
    }
}
