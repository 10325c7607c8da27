package ai.automations.registry.collection;

import ai.automations.registry.entity.EntityNamespace;
import ai.automations.registry.support.Names;

/** A resolved collection with the names around it. Exactly one of {@code project} and {@code registry} is set. */
public record CollectionPath(EntityNamespace entity, String project, String registry, ArtifactCollection collection) {

    public String parent() {
        return project != null ? project : registry;
    }

    public boolean inRegistry() {
        return registry != null;
    }

    /** {@code entity/registry-or-project/collection:vN}. */
    public String versionString(int index) {
        return entity.name + "/" + parent() + "/" + collection.name + ":" + Names.version(index);
    }

    /** The Kafka key of this collection's events. */
    public String key() {
        return collection.id.toString();
    }

    public CollectionRef ref() {
        return project != null ? CollectionRef.project(entity.name, project, collection.name)
                : CollectionRef.registry(entity.name, registry, collection.name);
    }
}
