package ai.automations.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import ai.automations.common.vertx.VertxContexts;
import io.smallrye.mutiny.Uni;

/**
 * API keys for trigger-, action- and secrets-service: registry-service owns keys, so these ask its introspection
 * endpoint and keep each answer for {@code automations.auth.cache-ttl} (so a revoked key stops working here within
 * that time) in a Caffeine cache bounded to {@code automations.auth.cache-size} keys, which past the bound evicts the
 * keys least likely to be used again, one at a time: a burst of calls costs one lookup. Keys are cached by digest,
 * never in clear; unknown keys are not cached. registry-service excludes this bean: it reads its database.
 */
@ApplicationScoped
public class RemoteApiKeyIdentityProvider extends ApiKeyIdentityProvider {

    private final ApiKeyIntrospectionClient client;
    private final Cache<String, Caller> answers;

    public RemoteApiKeyIdentityProvider(@RestClient ApiKeyIntrospectionClient client, AuthConfig config,
            InstantSource clock) {
        this.client = client;
        this.answers = Caffeine.newBuilder()
                .maximumSize(config.cacheSize())
                .expireAfterWrite(config.cacheTtl())
                .ticker(() -> nanos(clock.instant()))
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Uni<Caller> caller(String apiKey) {
        String digest = sha256(apiKey);
        Caller known = answers.getIfPresent(digest);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        // The answer arrives on the HTTP client's context; the request goes on from its own.
        return VertxContexts.resumeOnCaller(client.introspect(new ApiKeyIntrospectionClient.Introspection(apiKey)))
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 401)
                .recoverWithNull()
                .invoke(caller -> {
                    if (caller != null) {
                        answers.put(digest, caller);
                    }
                });
    }

    /** How many answers are held now (after pending evictions): for tests of the bound. */
    long size() {
        answers.cleanUp();
        return answers.estimatedSize();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
