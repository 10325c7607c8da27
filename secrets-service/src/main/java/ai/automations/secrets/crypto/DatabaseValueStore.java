package ai.automations.secrets.crypto;

import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import ai.automations.secrets.config.SecretsConfig;
import ai.automations.secrets.store.SecretStoreException;
import ai.automations.secrets.store.SecretValue;
import ai.automations.secrets.store.SecretValueStore;
import ai.automations.secrets.store.SecretVersionRef;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The embedded value store: each version's value is envelope-encrypted ({@link EnvelopeCipher}) and kept in PostgreSQL
 * in the same transaction as the secret's metadata, audit entry and change notice. Only the current version is kept.
 */
@ApplicationScoped
@Typed(DatabaseValueStore.class)
public class DatabaseValueStore implements SecretValueStore {

    public static final String KIND = "database";

    private final SecretValueRowRepository rows;
    private final EnvelopeCipher cipher = new EnvelopeCipher();
    private final KeyRing ring;
    private final InstantSource clock;

    public DatabaseValueStore(SecretValueRowRepository rows, SecretsConfig config, InstantSource clock) {
        this.rows = rows;
        this.ring = KeyRing.from(config.database());
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    KeyRing ring() {
        return ring;
    }

    @Override
    public Uni<Integer> write(SecretVersionRef ref, SecretValue value) {
        EncryptedValue sealed = cipher.encrypt(ring, ref, value);
        SecretValueRow row = new SecretValueRow();
        row.entity = ref.entity();
        row.name = ref.name();
        row.version = ref.version();
        row.kekId = sealed.kekId();
        row.wrappedKey = sealed.wrappedKey();
        row.ciphertext = sealed.ciphertext();
        row.createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return rows.deleteAll(ref.entity(), ref.name())
                .chain(() -> rows.persist(row))
                .replaceWith((Integer) null);
    }

    @Override
    public Uni<SecretValue> read(SecretVersionRef ref, Integer storeVersion) {
        return rows.findVersion(ref.entity(), ref.name(), ref.version()).map(row -> {
            if (row == null) {
                throw SecretStoreException.unreadable(describe(ref) + " has no stored value.");
            }
            try {
                return cipher.decrypt(ring, ref, row.sealed());
            } catch (EnvelopeCipher.IntegrityException e) {
                Log.errorf("%s cannot be decrypted: %s", describe(ref), e.getMessage());
                throw SecretStoreException.unreadable(describe(ref)
                        + " cannot be decrypted: it was altered, moved, or its key-encryption key is not configured.");
            }
        });
    }

    @Override
    public Uni<Void> deleteAll(String entity, String name) {
        return rows.deleteAll(entity, name).replaceWithVoid();
    }

    /** Re-wraps the data key of one stored value with the current KEK (see {@link KeyRewrapJob}). */
    boolean rewrap(SecretValueRow row) {
        SecretVersionRef ref = new SecretVersionRef(row.entity, row.name, row.version);
        try {
            EncryptedValue rewrapped = cipher.rewrap(ring, ref, row.sealed());
            row.kekId = rewrapped.kekId();
            row.wrappedKey = rewrapped.wrappedKey();
            return true;
        } catch (EnvelopeCipher.IntegrityException e) {
            Log.errorf("%s cannot be re-wrapped: %s", describe(ref), e.getMessage());
            return false;
        }
    }

    private static String describe(SecretVersionRef ref) {
        return "Secret '" + ref.name() + "' (version " + ref.version() + ") of entity '" + ref.entity() + "'";
    }
}
