package ai.automations.registry.artifact;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * An artifact as a version of one collection, with the index it has there: its source collection's version, or a
 * link into a registry collection.
 */
@Entity
@Table(name = "collection_versions")
public class CollectionVersion extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "collection_id")
    public UUID collectionId;

    @Column(name = "artifact_id")
    public UUID artifactId;

    @Column(name = "version_index")
    public int versionIndex;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static Uni<CollectionVersion> byIndex(UUID collectionId, int index) {
        return find("collectionId = ?1 and versionIndex = ?2", collectionId, index).firstResult();
    }

    public static Uni<CollectionVersion> ofArtifact(UUID collectionId, UUID artifactId) {
        return find("collectionId = ?1 and artifactId = ?2", collectionId, artifactId).firstResult();
    }
}
