package ai.automations.registry.collection;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import ai.automations.common.validation.ResourceName;

/** {@code POST .../collections}. */
public record CollectionRequest(@NotNull @ResourceName String name, @NotNull @ResourceName String type,
        @Size(max = 4000) String description, List<@NotNull @ResourceName String> tags) {
}
