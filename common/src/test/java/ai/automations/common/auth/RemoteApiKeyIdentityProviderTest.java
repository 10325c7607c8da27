package ai.automations.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** The cache of registry-service's answers: answers expire, the cache stays bounded, unknown keys are not kept. */
class RemoteApiKeyIdentityProviderTest {

    private static final Duration TTL = Duration.ofSeconds(10);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private final List<String> asked = new ArrayList<>();
    private final Set<String> known = new HashSet<>(Set.of("k1", "k2"));

    private final ApiKeyIntrospectionClient registry = request -> {
        asked.add(request.apiKey());
        return known.contains(request.apiKey())
                ? Uni.createFrom().item(Caller.user("u-" + request.apiKey(), request.apiKey(), false, Map.of("acme", Role.MEMBER)))
                : Uni.createFrom().failure(new WebApplicationException(401));
    };

    @Test
    void anAnswerIsReusedUntilItExpires() {
        RemoteApiKeyIdentityProvider provider = provider(100);

        assertThat(lookup(provider, "k1").name()).isEqualTo("k1");
        now.set(now.get().plus(TTL).minusMillis(1));
        assertThat(lookup(provider, "k1").roles()).containsEntry("acme", Role.MEMBER);
        assertThat(asked).containsExactly("k1");

        known.remove("k1");
        now.set(now.get().plusMillis(2));
        assertThat(lookup(provider, "k1")).as("revoked, and the cached answer expired").isNull();
        assertThat(asked).containsExactly("k1", "k1");
    }

    @Test
    void anUnknownKeyIsAskedAgainEachTime() {
        RemoteApiKeyIdentityProvider provider = provider(100);

        assertThat(lookup(provider, "k3")).isNull();
        known.add("k3");
        assertThat(lookup(provider, "k3").name()).isEqualTo("k3");
        assertThat(asked).containsExactly("k3", "k3");
    }

    @Test
    void theCacheStaysWithinItsBoundWithoutDroppingEverything() {
        RemoteApiKeyIdentityProvider provider = provider(50);
        lookup(provider, "k1");
        for (int i = 0; i < 500; i++) {
            known.add("key-" + i);
            lookup(provider, "key-" + i);
            lookup(provider, "k1");
        }

        assertThat(provider.size()).isBetween(1L, 50L);
        assertThat(asked).as("a key in use keeps its answer while others come and go: nothing empties the cache at once")
                .containsOnlyOnce("k1");
    }

    private static Caller lookup(RemoteApiKeyIdentityProvider provider, String key) {
        return provider.caller(key).await().atMost(Duration.ofSeconds(5));
    }

    private RemoteApiKeyIdentityProvider provider(int size) {
        return new RemoteApiKeyIdentityProvider(registry, config(size), clock);
    }

    private static AuthConfig config(int size) {
        return new AuthConfig() {
            @Override
            public String serviceName() {
                return "test-service";
            }

            @Override
            public String serviceToken() {
                return "token";
            }

            @Override
            public Map<String, String> trustedServices() {
                return Map.of();
            }

            @Override
            public Duration cacheTtl() {
                return TTL;
            }

            @Override
            public int cacheSize() {
                return size;
            }

            @Override
            public Optional<List<String>> publicPathPrefixes() {
                return Optional.empty();
            }
        };
    }
}
