package ai.automations.registry.artifact;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An artifact: created once in a project collection (its source), with its type, digest, metadata and run. */
@Entity
@Table(name = "artifacts")
public class Artifact extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "entity_id")
    public UUID entityId;

    /** The project collection it was created in. */
    @Column(name = "collection_id")
    public UUID collectionId;

    public String type;

    public String digest;

    /** A JSON object. */
    public String metadata;

    @Column(name = "run_id")
    public String runId;

    public String author;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
