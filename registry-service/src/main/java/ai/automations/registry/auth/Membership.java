package ai.automations.registry.auth;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.automations.common.auth.Role;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A user's role in an entity. */
@Entity
@Table(name = "memberships")
public class Membership extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "entity_id")
    public UUID entityId;

    @Column(name = "user_id")
    public UUID userId;

    @Enumerated(EnumType.STRING)
    public Role role;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static Membership of(UUID entityId, UUID userId, Role role, OffsetDateTime createdAt) {
        Membership m = new Membership();
        m.id = UUID.randomUUID();
        m.entityId = entityId;
        m.userId = userId;
        m.role = role;
        m.createdAt = createdAt;
        return m;
    }
}
