package ai.automations.registry.registry;

import java.time.OffsetDateTime;

public record RegistryView(String entity, String name, String description, OffsetDateTime createdAt) {
}
