package ai.automations.registry.collection;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A collection of artifact versions, in a project (where artifacts are created) or in a registry (where they are
 * linked). {@code nextIndex} numbers its versions; its row is locked by every change to the collection, which
 * serialises them and keeps their events in commit order.
 */
@Entity
@Table(name = "collections")
public class ArtifactCollection extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "entity_id")
    public UUID entityId;

    @Column(name = "project_id")
    public UUID projectId;

    @Column(name = "registry_id")
    public UUID registryId;

    public String name;

    public String type;

    public String description;

    /** A JSON array of tag names. */
    public String tags;

    @Column(name = "next_index")
    public int nextIndex;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
