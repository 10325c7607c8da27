package ai.automations.secrets.crypto;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One encrypted secret version of the database backend. */
@Entity
@Table(name = "secret_value")
public class SecretValueRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String entity;

    public String name;

    public int version;

    @Column(name = "kek_id")
    public String kekId;

    @Column(name = "wrapped_key")
    public byte[] wrappedKey;

    public byte[] ciphertext;

    @Column(name = "created_at")
    public Instant createdAt;

    EncryptedValue sealed() {
        return new EncryptedValue(kekId, wrappedKey, ciphertext);
    }

    @Override
    public String toString() {
        return "SecretValueRow[" + entity + "/" + name + " v" + version + ", kek=" + kekId + "]";
    }
}
