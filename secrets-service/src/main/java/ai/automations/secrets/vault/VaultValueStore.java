package ai.automations.secrets.vault;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.automations.common.vertx.VertxContexts;
import ai.automations.secrets.config.SecretsConfig;
import ai.automations.secrets.store.SecretStoreException;
import ai.automations.secrets.store.SecretValue;
import ai.automations.secrets.store.SecretValueStore;
import ai.automations.secrets.store.SecretVersionRef;
import io.quarkus.logging.Log;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.VaultClientException;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2ReadSecretData;
import io.smallrye.mutiny.Uni;

/**
 * The production value store: Vault KV version 2 through quarkus-vault's non-blocking (Vert.x) client. A secret lives
 * at {@code <mount>/data/<path-prefix>/<entity>/<name>} as {@code {"value", "automations_version"}}; each rotation is a
 * new KV version, whose number is kept in the secret's metadata so that a read fetches exactly the committed version.
 * Vault's own version history (its mount's max_versions) is left to Vault. The client is created on first use only,
 * so the service never contacts Vault unless this store is configured.
 */
@ApplicationScoped
@Typed(VaultValueStore.class)
public class VaultValueStore implements SecretValueStore {

    public static final String KIND = "vault";
    static final String VALUE_KEY = "value";
    static final String VERSION_KEY = "automations_version";

    private final Supplier<VaultClient> client;
    private final SecretsConfig.Vault config;
    private final boolean urlConfigured;
    private volatile VaultSecretsKV2 kv;

    @Inject
    public VaultValueStore(Instance<VaultClient> client, SecretsConfig config,
            @ConfigProperty(name = "quarkus.vault.url") Optional<String> url) {
        this(client::get, config.vault(), url.isPresent());
    }

    VaultValueStore(Supplier<VaultClient> client, SecretsConfig.Vault config, boolean urlConfigured) {
        this.client = client;
        this.config = config;
        this.urlConfigured = urlConfigured;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Fails at start, with what to set, when the vault backend is chosen without a Vault address. */
    public void checkConfigured() {
        if (!urlConfigured) {
            throw new IllegalStateException("automations.secrets.backend=vault needs quarkus.vault.url (QUARKUS_VAULT_URL) and"
                    + " an authentication method: quarkus.vault.authentication.client-token, or"
                    + " quarkus.vault.authentication.kubernetes.role for Kubernetes auth.");
        }
    }

    String path(String entity, String name) {
        String prefix = config.pathPrefix().replaceAll("^/+|/+$", "");
        return (prefix.isEmpty() ? "" : prefix + "/") + entity + "/" + name;
    }

    @Override
    public Uni<Integer> write(SecretVersionRef ref, SecretValue value) {
        String path = path(ref.entity(), ref.name());
        Map<String, Object> data = new HashMap<>();
        data.put(VALUE_KEY, value.reveal());
        data.put(VERSION_KEY, ref.version());
        return call("write", ref, () -> kv().updateSecret(path, null, data))
                .chain(() -> call("read metadata of", ref, () -> kv().readSecretMetadata(path)))
                .map(metadata -> metadata.getCurrentVersion());
    }

    @Override
    public Uni<SecretValue> read(SecretVersionRef ref, Integer storeVersion) {
        String path = path(ref.entity(), ref.name());
        return call("read", ref, () -> storeVersion == null ? kv().readSecret(path) : kv().readSecret(path, storeVersion))
                .map(read -> verified(ref, read));
    }

    @Override
    public Uni<Void> deleteAll(String entity, String name) {
        SecretVersionRef ref = new SecretVersionRef(entity, name, 0);
        return call("delete", ref, () -> kv().deleteSecretMetadata(path(entity, name))).replaceWithVoid();
    }

    private SecretValue verified(SecretVersionRef ref, VaultSecretsKV2ReadSecretData read) {
        Map<String, Object> data = read == null ? null : read.getData();
        Object value = data == null ? null : data.get(VALUE_KEY);
        Object version = data == null ? null : data.get(VERSION_KEY);
        if (!(value instanceof String text)) {
            throw SecretStoreException.unreadable(describe(ref) + " has no value in Vault.");
        }
        if (version == null || !String.valueOf(ref.version()).equals(String.valueOf(version))) {
            throw SecretStoreException.unreadable(describe(ref) + " in Vault is not the version this service recorded.");
        }
        return SecretValue.of(text);
    }

    private VaultSecretsKV2 kv() {
        VaultSecretsKV2 current = kv;
        if (current == null) {
            checkConfigured();
            current = client.get().secrets().kv2(config.mount());
            kv = current;
        }
        return current;
    }

    /**
     * Runs one Vault call, resumes on the caller's Vert.x context, and turns failures into errors that say what failed
     * without Vault's response body.
     */
    private <T> Uni<T> call(String operation, SecretVersionRef ref, Supplier<CompletionStage<T>> request) {
        return VertxContexts.resumeOnCaller(Uni.createFrom().completionStage(request))
                .onFailure().transform(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    if (cause instanceof SecretStoreException) {
                        return cause;
                    }
                    if (cause instanceof VaultClientException vault && vault.getStatus() != null
                            && vault.getStatus() == 404 && "read".equals(operation)) {
                        return SecretStoreException.unreadable(describe(ref) + " is not in Vault.");
                    }
                    Integer status = cause instanceof VaultClientException vault ? vault.getStatus() : null;
                    Log.errorf("Vault failed to %s %s at %s/%s: %s", operation, describe(ref), config.mount(),
                            path(ref.entity(), ref.name()), status != null ? "HTTP " + status : cause.getClass().getSimpleName());
                    return SecretStoreException.unavailable("Vault could not " + operation + " secret '" + ref.name()
                            + "' right now" + (status != null ? " (HTTP " + status + ")" : "")
                            + (operation.startsWith("read") ? "." : "; nothing was changed."));
                });
    }

    private static String describe(SecretVersionRef ref) {
        return "Secret '" + ref.name() + "'" + (ref.version() > 0 ? " (version " + ref.version() + ")" : "")
                + " of entity '" + ref.entity() + "'";
    }
}
