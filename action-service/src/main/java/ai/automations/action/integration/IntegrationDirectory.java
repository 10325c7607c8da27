package ai.automations.action.integration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import ai.automations.common.integration.IntegrationDescriptor;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Integrations as registry-service describes them (secret names, never values), reused for a few seconds so that a
 * burst of deliveries costs one lookup; and the call that disables an integration whose endpoint answered 410.
 * Deliveries that miss the cache together share one lookup: without that, every delivery started while registry-service
 * answers asked it again, so the slower it answered the more it was asked (a burst of 4,000 under load made about one
 * lookup per two deliveries).
 */
@ApplicationScoped
public class IntegrationDirectory {

    private static final int MAX_CACHED = 10_000;

    private record Cached(IntegrationDescriptor integration, long expiresAtNanos) {
    }

    private final RegistryClient registry;
    private final IntegrationsConfig config;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** The lookup under way per key, shared by every delivery that misses the cache meanwhile. */
    private final Map<String, Uni<IntegrationDescriptor>> lookups = new ConcurrentHashMap<>();
    /** Counts disables: a lookup that raced with one is not cached. */
    private final AtomicLong changes = new AtomicLong();

    public IntegrationDirectory(@RestClient RegistryClient registry, IntegrationsConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /** The usable integration, or a failure: {@link IntegrationNotUsableException} or {@link DependencyUnavailableException}. */
    public Uni<IntegrationDescriptor> usable(String entity, String name) {
        if (name == null || name.isBlank()) {
            return Uni.createFrom().failure(new IntegrationNotUsableException("the action names no integration"));
        }
        return find(entity, name).map(integration -> {
            if (integration.disabled()) {
                throw new IntegrationNotUsableException("integration '" + name + "' is disabled"
                        + (integration.disabledReason() == null ? "" : ": " + integration.disabledReason()));
            }
            return integration;
        });
    }

    /** The integration whether or not it is disabled; {@link IntegrationNotUsableException} when it does not exist. */
    public Uni<IntegrationDescriptor> find(String entity, String name) {
        String key = entity + '/' + name;
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresAtNanos() - System.nanoTime() > 0) {
            return Uni.createFrom().item(cached.integration());
        }
        return Uni.createFrom().deferred(() -> lookups.computeIfAbsent(key, k -> lookup(entity, name, k)));
    }

    /** One lookup, cached when no disable raced with it, and no longer shared once it has answered. */
    private Uni<IntegrationDescriptor> lookup(String entity, String name, String key) {
        long changesBefore = changes.get();
        AtomicReference<Uni<IntegrationDescriptor>> self = new AtomicReference<>();
        Uni<IntegrationDescriptor> shared = registry.integration(entity, name)
                .onFailure().transform(e -> {
                    if (e instanceof WebApplicationException w && w.getResponse().getStatus() == 404) {
                        return new IntegrationNotUsableException("integration '" + name + "' does not exist in entity '"
                                + entity + "'");
                    }
                    return new DependencyUnavailableException("registry-service", e);
                })
                .invoke(integration -> {
                    if (changes.get() != changesBefore) {
                        return;
                    }
                    if (cache.size() >= MAX_CACHED) {
                        cache.clear();
                    }
                    cache.put(key, new Cached(integration, System.nanoTime() + config.cacheTtl().toNanos()));
                })
                .onTermination().invoke(() -> lookups.remove(key, self.get()))
                .memoize().indefinitely();
        self.set(shared);
        return shared;
    }

    /** Tells registry-service to disable the integration (its endpoint answered 410 Gone). Never fails. */
    public Uni<Void> disable(String entity, String name, String reason) {
        changes.incrementAndGet();
        cache.remove(entity + '/' + name);
        lookups.remove(entity + '/' + name);
        return registry.disable(entity, name, new RegistryClient.DisableRequest(reason))
                .onFailure().invoke(e -> Log.warnf("Could not disable integration %s/%s: %s", entity, name,
                        e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }
}
