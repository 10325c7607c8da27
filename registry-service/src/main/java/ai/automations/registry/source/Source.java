package ai.automations.registry.source;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * An external registry whose webhooks an entity mirrors into one of its registries: which kind (how deliveries are
 * verified and read), which registry and project receive the changes, and the name of the team secret that signs
 * the deliveries (never its value).
 */
@Entity
@Table(name = "sources")
public class Source extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "entity_id")
    public UUID entityId;

    public String name;

    public String kind;

    public String registry;

    public String project;

    public String secret;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static Uni<Source> find(UUID entityId, String name) {
        return find("entityId = ?1 and name = ?2", entityId, name).firstResult();
    }

    public SourceView view(String entity) {
        return new SourceView(id.toString(), entity, name, kind, registry, project, secret,
                SourceView.receiverPath(id), createdBy, createdAt);
    }
}
