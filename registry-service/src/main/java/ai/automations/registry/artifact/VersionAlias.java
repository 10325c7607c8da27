package ai.automations.registry.artifact;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** An alias: names one version of a collection at a time (unique within the collection). */
@Entity
@Table(name = "version_aliases")
public class VersionAlias extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "collection_id")
    public UUID collectionId;

    @Column(name = "version_id")
    public UUID versionId;

    public String alias;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static Uni<VersionAlias> find(UUID collectionId, String alias) {
        return find("collectionId = ?1 and alias = ?2", collectionId, alias).firstResult();
    }
}
