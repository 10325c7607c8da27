package ai.automations.action.secret;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import ai.automations.action.delivery.AttemptSpans;
import ai.automations.action.integration.DependencyUnavailableException;
import ai.automations.common.secret.SecretResolution;
import ai.automations.common.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.smallrye.mutiny.Uni;

/**
 * Resolves secret values at send time through secrets-service, reusing each value for a short while. A change notice
 * (rotate or delete) drops the cached value at once; a resolve that raced with a notice is not cached. A lookup made
 * for a traced attempt is a CLIENT span of it (recording how many names were asked for: no name, no value).
 */
@ApplicationScoped
public class SecretValues {

    private record Cached(String value, long expiresAtNanos) {
    }

    private final SecretsClient client;
    private final SecretsConfig config;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();

    private final Tracing tracing;
    private final AttemptSpans spans;

    public SecretValues(@RestClient SecretsClient client, SecretsConfig config, Tracing tracing, AttemptSpans spans) {
        this.tracing = tracing;
        this.spans = spans;
        this.client = client;
        this.config = config;
    }

    /** The values of {@code names} in {@code entity}; names that do not exist are reported missing. */
    public Uni<ResolvedSecrets> resolve(String entity, Set<String> names, String automationId, String executionId) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(ResolvedSecrets.none());
        }
        Map<String, String> found = new HashMap<>();
        Set<String> wanted = new HashSet<>();
        long now = System.nanoTime();
        for (String name : names) {
            Cached cached = cache.get(key(entity, name));
            if (cached != null && cached.expiresAtNanos() - now > 0) {
                found.put(name, cached.value());
            } else {
                wanted.add(name);
            }
        }
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(new ResolvedSecrets(found, Set.of()));
        }
        long changesBefore = changes.get();
        String attempt = spans.traceparent(executionId);
        Span span = attempt == null ? Span.getInvalid() : tracing.start("secrets lookup", SpanKind.CLIENT, attempt);
        span.setAttribute("automations.secrets.requested", wanted.size());
        return client.resolve(entity, Tracing.traceparent(span),
                new SecretResolution.Request(List.copyOf(wanted), automationId, executionId))
                .onItemOrFailure().invoke((response, failure) -> {
                    if (failure != null) {
                        span.setStatus(StatusCode.ERROR, "secrets-service did not answer");
                    }
                    span.end();
                })
                .onFailure().transform(e -> new DependencyUnavailableException("secrets-service", e))
                .map(response -> {
                    Map<String, String> values = response.values() == null ? Map.of() : response.values();
                    boolean cacheable = changes.get() == changesBefore;
                    long expires = System.nanoTime() + config.cacheTtl().toNanos();
                    values.forEach((name, value) -> {
                        if (wanted.contains(name) && value != null) {
                            found.put(name, value);
                            if (cacheable) {
                                remember(key(entity, name), new Cached(value, expires));
                            }
                        }
                    });
                    Set<String> missing = new HashSet<>(wanted);
                    missing.removeAll(found.keySet());
                    return new ResolvedSecrets(found, missing);
                });
    }

    /** Forgets a secret's value (it was rotated or deleted). */
    public void invalidate(String entity, String name) {
        changes.incrementAndGet();
        cache.remove(key(entity, name));
    }

    /** Forgets every cached value (a notice could not be read). */
    public void invalidateAll() {
        changes.incrementAndGet();
        cache.clear();
    }

    private void remember(String key, Cached cached) {
        if (cache.size() >= config.cacheMaxEntries()) {
            cache.clear();
        }
        cache.put(key, cached);
    }

    private static String key(String entity, String name) {
        return entity + '/' + name;
    }
}
