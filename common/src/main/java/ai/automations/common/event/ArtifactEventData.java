package ai.automations.common.event;

import java.util.Map;

/**
 * The {@code data} of every artifact event. {@code project} is set for events on a project collection,
 * {@code registry} for events on a registry collection; the version fields describe the version as it is
 * numbered in that collection.
 */
public record ArtifactEventData(
        String entity,
        String project,
        String registry,
        String collection,
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
        Map<String, Object> metadata) {
}
