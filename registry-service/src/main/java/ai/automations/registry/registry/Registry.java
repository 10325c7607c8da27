package ai.automations.registry.registry;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.automations.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A registry: curated collections (e.g. of models) that project artifacts are linked into. */
@Entity
@Table(name = "registries")
public class Registry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "entity_id")
    public UUID entityId;

    public String name;

    public String description;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static Uni<Registry> find(UUID entityId, String name) {
        return find("entityId = ?1 and name = ?2", entityId, name).firstResult();
    }

    /** The registry, or a 404. */
    public static Uni<Registry> require(UUID entityId, String entityName, String name) {
        return find(entityId, name).onItem().ifNull()
                .failWith(() -> ApiException.notFound("No registry '" + name + "' in entity '" + entityName + "'."));
    }
}
