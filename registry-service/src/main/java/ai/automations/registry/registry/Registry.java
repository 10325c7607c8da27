package ai.automations.registry.registry;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import ai.automations.registry.container.Container;
import ai.automations.registry.container.ContainerKind;

/** A registry: curated collections (e.g. of models) that project artifacts are linked into. */
@Entity
@Table(name = "registries")
public class Registry extends Container {

    /** How registries are found, checked and listed by name. */
    public static final ContainerKind<Registry> KIND = new ContainerKind<>("registry", Registry.class, Registry::new);
}
