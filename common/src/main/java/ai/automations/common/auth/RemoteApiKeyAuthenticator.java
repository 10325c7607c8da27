package ai.automations.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/**
 * Authenticates API keys by asking registry-service, remembering each answer for {@code automations.auth.cache-ttl}
 * so that a burst of calls costs one lookup. Revocations and role changes take effect within that time.
 */
@DefaultBean
@ApplicationScoped
public class RemoteApiKeyAuthenticator implements ApiKeyAuthenticator {

    private static final int MAX_CACHED = 10_000;

    private record Cached(Caller caller, long expiresAtNanos) {
    }

    private final ApiKeyIntrospectionClient client;
    private final AuthConfig config;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public RemoteApiKeyAuthenticator(@RestClient ApiKeyIntrospectionClient client, AuthConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public Uni<Caller> authenticate(String apiKey) {
        String digest = sha256(apiKey);
        Cached cached = cache.get(digest);
        if (cached != null && cached.expiresAtNanos() - System.nanoTime() > 0) {
            return Uni.createFrom().item(cached.caller());
        }
        return client.introspect(new ApiKeyIntrospectionClient.Introspection(apiKey))
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 401)
                .recoverWithNull()
                .invoke(caller -> remember(digest, caller));
    }

    private void remember(String digest, Caller caller) {
        if (caller == null) {
            cache.remove(digest);
            return;
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(digest, new Cached(caller, System.nanoTime() + config.cacheTtl().toNanos()));
    }

    static String sha256(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
