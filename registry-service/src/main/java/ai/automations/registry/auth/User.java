package ai.automations.registry.auth;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A user: holds API keys and roles in entities; {@code admin} is the global (bootstrap) admin. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    public boolean admin;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static Uni<User> findByName(String name) {
        return find("name", name).firstResult();
    }
}
