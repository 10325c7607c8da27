package ai.automations.registry.entity;

/** The body that creates something with only a name (and, for registries and projects, a description). */
public record NameRequest(String name, String description) {
}
