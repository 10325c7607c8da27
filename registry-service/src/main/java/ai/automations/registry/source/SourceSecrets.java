package ai.automations.registry.source;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import ai.automations.common.error.ApiException;
import ai.automations.common.secret.SecretResolution;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The values of sources' signing secrets, resolved from secrets-service (which audits each resolve) and reused for
 * {@link SourcesConfig#secretCacheTtl()}. Values stay in memory only: never logged, returned or written anywhere.
 */
@ApplicationScoped
public class SourceSecrets {

    /** A secret's value and when it was fetched. */
    public record Value(String value, long fetchedAtNanos) {

        @Override
        public String toString() {
            return "Value[***]";
        }
    }

    private final SourceSecretsClient client;
    private final SourcesConfig config;
    private final Map<String, Value> cache = new ConcurrentHashMap<>();

    public SourceSecrets(@RestClient SourceSecretsClient client, SourcesConfig config) {
        this.client = client;
        this.config = config;
    }

    /**
     * The value of secret {@code name} of {@code entity}, or {@code null} when it does not exist; 503 when
     * secrets-service cannot answer.
     */
    public Uni<Value> get(String entity, String name, String sourceId) {
        Value cached = cache.get(key(entity, name));
        if (cached != null && System.nanoTime() - cached.fetchedAtNanos() < config.secretCacheTtl().toNanos()) {
            return Uni.createFrom().item(cached);
        }
        return fetch(entity, name, sourceId);
    }

    /** True when {@code value} is old enough to be asked again after a failed verification. */
    public boolean mayRefresh(Value value) {
        return System.nanoTime() - value.fetchedAtNanos() >= config.secretRefreshAfter().toNanos();
    }

    /** Asks secrets-service again (the cached value did not verify and may have been rotated). */
    public Uni<Value> fetch(String entity, String name, String sourceId) {
        return client.resolve(entity, new SecretResolution.Request(List.of(name), "source:" + sourceId, null))
                .onFailure().transform(e -> {
                    Log.warnf("secrets-service could not resolve a source secret of '%s': %s", entity,
                            e.getClass().getSimpleName());
                    return new ApiException(503, "UNAVAILABLE",
                            "secrets-service could not be asked for the source's secret; try again.", null);
                })
                .map(response -> {
                    String value = response.values() == null ? null : response.values().get(name);
                    if (value == null) {
                        cache.remove(key(entity, name));
                        return null;
                    }
                    Value v = new Value(value, System.nanoTime());
                    if (cache.size() >= config.secretCacheMaxEntries()) {
                        cache.clear();
                    }
                    cache.put(key(entity, name), v);
                    return v;
                });
    }

    /** Drops a cached value (its source was deleted). */
    public void forget(String entity, String name) {
        cache.remove(key(entity, name));
    }

    private static String key(String entity, String name) {
        return entity + '/' + name;
    }
}
