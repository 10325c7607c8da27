package ai.automations.secrets.store;

import io.smallrye.mutiny.Uni;

/**
 * Where secret values live: the embedded encrypted store in PostgreSQL or Vault KV v2. Secret metadata, the audit log
 * and change notices are kept in PostgreSQL whatever the store; each method runs inside the caller's transaction, so
 * the database store commits or rolls back with it.
 */
public interface SecretValueStore {

    /** This store's name, kept with each secret so that a value is never looked for in the wrong store. */
    String kind();

    /**
     * Stores the value of a new version (dropping what the store need not keep of older ones) and returns the store's
     * own reference to it (Vault's KV version), or null when the version number is reference enough.
     */
    Uni<Integer> write(SecretVersionRef ref, SecretValue value);

    /** The value of one version; fails with {@link SecretStoreException} when it cannot be read or verified. */
    Uni<SecretValue> read(SecretVersionRef ref, Integer storeVersion);

    /** Removes every stored version of a secret. */
    Uni<Void> deleteAll(String entity, String name);
}
