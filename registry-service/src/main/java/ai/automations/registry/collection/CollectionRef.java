package ai.automations.registry.collection;

/** A collection as a path names it: {@code entities/{entity}/(projects|registries)/{parent}/collections/{name}}. */
public record CollectionRef(String entity, Kind kind, String parent, String name) {

    /** Where a collection lives. */
    public enum Kind {
        PROJECT, REGISTRY
    }

    public static CollectionRef project(String entity, String project, String name) {
        return new CollectionRef(entity, Kind.PROJECT, project, name);
    }

    public static CollectionRef registry(String entity, String registry, String name) {
        return new CollectionRef(entity, Kind.REGISTRY, registry, name);
    }
}
