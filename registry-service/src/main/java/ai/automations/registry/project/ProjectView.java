package ai.automations.registry.project;

import java.time.OffsetDateTime;

public record ProjectView(String entity, String name, String description, OffsetDateTime createdAt) {
}
