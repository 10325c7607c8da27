package ai.automations.secrets.change;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.automations.common.secret.SecretChange;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A change notice waiting in the outbox until Kafka has acknowledged it. */
@Entity
@Table(name = "secret_change_outbox")
public class PendingChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String entity;

    public String name;

    public int version;

    public boolean deleted;

    @Column(name = "created_at")
    public Instant createdAt;

    SecretChange toNotice() {
        return new SecretChange(entity, name, version, deleted);
    }
}
