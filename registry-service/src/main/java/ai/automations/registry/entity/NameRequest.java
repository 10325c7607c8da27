package ai.automations.registry.entity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import ai.automations.common.validation.ResourceName;

/** The body that creates something with only a name (and, for registries and projects, a description). */
public record NameRequest(@NotNull @ResourceName String name,
        @Size(max = 4000) String description) {
}
