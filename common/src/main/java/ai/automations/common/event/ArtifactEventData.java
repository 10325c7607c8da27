package ai.automations.common.event;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import ai.automations.common.validation.ResourceName;

/**
 * The {@code data} of every artifact event. {@code project} is set for events on a project collection,
 * {@code registry} for events on a registry collection; the version fields describe the version as it is
 * numbered in that collection. The {@code source*} fields name the project collection version an event on a
 * registry collection refers to (so that project-scoped automations can match links), and equal the event's own
 * fields for events on a project collection. {@code aliases} and {@code tags} are the version's after the change,
 * {@code collectionTags} the collection's (what {@code where} filters read); collection tag events
 * ({@code ADD_COLLECTION_TAG}, {@code REMOVE_COLLECTION_TAG}) carry no version fields.
 */
public record ArtifactEventData(
        @NotNull @ResourceName String entity,
        @ResourceName String project,
        @ResourceName String registry,
        @NotNull @ResourceName String collection,
        String collectionId,
        String collectionType,
        String artifactId,
        String artifactType,
        String version,
        Integer versionIndex,
        String versionString,
        String digest,
        String alias,
        String tag,
        String author,
        String runId,
        Map<String, Object> metadata,
        String sourceProject,
        String sourceCollection,
        String sourceVersionString,
        List<String> aliases,
        List<String> tags,
        List<String> collectionTags) {

    /** The event data without the lists of aliases and tags. */
    public ArtifactEventData(String entity, String project, String registry, String collection, String collectionId,
            String collectionType, String artifactId, String artifactType, String version, Integer versionIndex,
            String versionString, String digest, String alias, String tag, String author, String runId,
            Map<String, Object> metadata, String sourceProject, String sourceCollection, String sourceVersionString) {
        this(entity, project, registry, collection, collectionId, collectionType, artifactId, artifactType, version,
                versionIndex, versionString, digest, alias, tag, author, runId, metadata, sourceProject,
                sourceCollection, sourceVersionString, null, null, null);
    }

    /** The event data without the source fields. */
    public ArtifactEventData(String entity, String project, String registry, String collection, String collectionId,
            String collectionType, String artifactId, String artifactType, String version, Integer versionIndex,
            String versionString, String digest, String alias, String tag, String author, String runId,
            Map<String, Object> metadata) {
        this(entity, project, registry, collection, collectionId, collectionType, artifactId, artifactType, version,
                versionIndex, versionString, digest, alias, tag, author, runId, metadata, null, null, null, null, null, null);
    }
}
