package ai.automations.registry.container;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A named place in an entity that holds collections: a project or a registry. Both have the same columns and are
 * created, found and listed the same way ({@link ContainerKind}, {@link ContainerService}); only their tables and what
 * users do with their collections differ.
 */
@MappedSuperclass
public abstract class Container extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "entity_id")
    public UUID entityId;

    public String name;

    public String description;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
