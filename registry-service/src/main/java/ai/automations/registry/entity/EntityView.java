package ai.automations.registry.entity;

import java.time.OffsetDateTime;

import ai.automations.common.auth.Role;

/** An entity as the API shows it, with the caller's role in it. */
public record EntityView(String name, String createdBy, OffsetDateTime createdAt, Role role) {
}
