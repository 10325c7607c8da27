package ai.automations.registry.artifact;

import ai.automations.registry.collection.CollectionPath;
import ai.automations.registry.support.Names;

/**
 * A version of a collection with everything its events and views need: the collection's names, the artifact, and
 * the project collection version it comes from (itself, for a project collection).
 */
public record VersionContext(CollectionPath path, CollectionVersion version, Artifact artifact,
        CollectionPath sourcePath, int sourceIndex) {

    public String versionName() {
        return Names.version(version.versionIndex);
    }

    public String versionString() {
        return path.versionString(version.versionIndex);
    }

    public String sourceVersionString() {
        return sourcePath.versionString(sourceIndex);
    }
}
