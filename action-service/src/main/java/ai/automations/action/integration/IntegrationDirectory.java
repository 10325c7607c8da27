package ai.automations.action.integration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import ai.automations.common.integration.IntegrationDescriptor;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Integrations as registry-service describes them (secret names, never values), reused for a few seconds so that a
 * burst of deliveries costs one lookup; and the call that disables an integration whose endpoint answered 410.
 */
@ApplicationScoped
public class IntegrationDirectory {

    private static final int MAX_CACHED = 10_000;

    private record Cached(IntegrationDescriptor integration, long expiresAtNanos) {
    }

    private final RegistryClient registry;
    private final IntegrationsConfig config;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

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
        return registry.integration(entity, name)
                .onFailure().transform(e -> {
                    if (e instanceof WebApplicationException w && w.getResponse().getStatus() == 404) {
                        return new IntegrationNotUsableException("integration '" + name + "' does not exist in entity '"
                                + entity + "'");
                    }
                    return new DependencyUnavailableException("registry-service", e);
                })
                .invoke(integration -> {
                    if (cache.size() >= MAX_CACHED) {
                        cache.clear();
                    }
                    cache.put(key, new Cached(integration, System.nanoTime() + config.cacheTtl().toNanos()));
                });
    }

    /** Tells registry-service to disable the integration (its endpoint answered 410 Gone). Never fails. */
    public Uni<Void> disable(String entity, String name, String reason) {
        cache.remove(entity + '/' + name);
        return registry.disable(entity, name, new RegistryClient.DisableRequest(reason))
                .onFailure().invoke(e -> Log.warnf("Could not disable integration %s/%s: %s", entity, name,
                        e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }
}
