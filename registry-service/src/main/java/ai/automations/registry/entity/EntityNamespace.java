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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

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

    /**
     * The entity, or a 404, read with one prepared statement on the reactive SQL client (no session): for reads
     * served at the rate of the database. The instance is detached.
     */
    public static Uni<EntityNamespace> require(SqlClient client, String name) {
        return client.preparedQuery("SELECT id, name, created_by, created_at FROM entities WHERE name = $1")
                .execute(Tuple.of(name)).map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        throw ApiException.notFound("No entity '" + name + "'.");
                    }
                    Row row = it.next();
                    EntityNamespace entity = new EntityNamespace();
                    entity.id = row.getUUID("id");
                    entity.name = row.getString("name");
                    entity.createdBy = row.getString("created_by");
                    entity.createdAt = row.getOffsetDateTime("created_at");
                    return entity;
                });
    }

    /** The entity, or a 404. */
    public static Uni<EntityNamespace> require(String name) {
        return findByName(name).onItem().ifNull()
                .failWith(() -> ApiException.notFound("No entity '" + name + "'."));
    }
}
