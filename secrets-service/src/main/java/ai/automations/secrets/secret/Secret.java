package ai.automations.secrets.secret;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A secret's metadata: its name, current version and times. Its value is in the configured value store. */
@Entity
@Table(name = "secret")
public class Secret extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String entity;

    public String name;

    public int version;

    /** Which value store holds the value ({@code database} or {@code vault}). */
    public String store;

    /** The store's reference to the current value (Vault's KV version); null for the database store. */
    @Column(name = "store_version")
    public Integer storeVersion;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_by")
    public String updatedBy;

    @Override
    public String toString() {
        return "Secret[" + entity + "/" + name + " v" + version + "]";
    }
}
