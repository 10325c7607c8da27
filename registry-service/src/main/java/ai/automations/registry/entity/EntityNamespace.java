package ai.automations.registry.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.automations.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** An entity: the team (or user) namespace that owns projects, registries, integrations and automations. */
@Entity
@Table(name = "entities")
public class EntityNamespace extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static Uni<EntityNamespace> findByName(String name) {
        return find("name", name).firstResult();
    }

    /** The entity, or a 404. */
    public static Uni<EntityNamespace> require(String name) {
        return findByName(name).onItem().ifNull()
                .failWith(() -> ApiException.notFound("No entity '" + name + "'."));
    }
}
