package ai.automations.registry.artifact;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A tag on a version of a collection. */
@Entity
@Table(name = "version_tags")
public class VersionTag extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "version_id")
    public UUID versionId;

    public String tag;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static Uni<VersionTag> find(UUID versionId, String tag) {
        return find("versionId = ?1 and tag = ?2", versionId, tag).firstResult();
    }
}
