package ai.automations.secrets.store;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import ai.automations.secrets.config.SecretsConfig;
import ai.automations.secrets.crypto.DatabaseValueStore;
import ai.automations.secrets.vault.VaultValueStore;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Chooses the value store from {@code automations.secrets.backend} and checks its configuration at start, so that a
 * missing key-encryption key or Vault address stops the service with a clear message instead of failing the first
 * request. The store not chosen is never created: with the database backend nothing contacts Vault.
 */
@Singleton
public class SecretValueStores {

    @Produces
    @Singleton
    SecretValueStore chosen(SecretsConfig config, Instance<DatabaseValueStore> database, Instance<VaultValueStore> vault) {
        return switch (config.backend()) {
            case DATABASE -> database.get();
            case VAULT -> {
                VaultValueStore store = vault.get();
                store.checkConfigured();
                yield store;
            }
        };
    }

    void checkAtStart(@Observes StartupEvent event, SecretValueStore store, SecretsConfig config) {
        Log.infof("Secret values are kept in the %s store", store.kind());
    }
}
