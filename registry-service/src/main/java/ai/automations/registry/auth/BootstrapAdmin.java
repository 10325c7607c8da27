package ai.automations.registry.auth;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * At start, makes sure the global admin user {@code admin} holds the configured bootstrap key: created once, left
 * alone when already there, re-instated if it was revoked. Safe when several instances start at once. Start-up does
 * not wait for it (nothing blocks); instead the service is not ready ({@link BootstrapAdminReadiness}), and API keys
 * are not looked up, until it is done, so the bootstrap key works from the first request.
 */
@Singleton
public class BootstrapAdmin {

    private final Pool pool;
    private final Uni<Void> done;
    private volatile boolean ready;

    public BootstrapAdmin(Pool pool, RegistryAuthConfig config) {
        this.pool = pool;
        this.done = config.bootstrapAdminKey().filter(key -> !key.isBlank())
                .map(key -> ensure(key)
                        .invoke(() -> Log.info("Bootstrap admin 'admin' holds the configured API key"))
                        .onFailure().invoke(e -> Log.warnf("Bootstrap admin not set up yet, retrying: %s", e.getMessage()))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely())
                .orElseGet(() -> Uni.createFrom().voidItem())
                .invoke(() -> ready = true)
                .memoize().indefinitely();
    }

    void onStart(@Observes StartupEvent start) {
        done.subscribe().with(ignored -> {
        });
    }

    /** Completes once the bootstrap key is in place (at once when none is configured, or after start-up). */
    public Uni<Void> done() {
        return done;
    }

    public boolean isDone() {
        return ready;
    }

    Uni<Void> ensure(String key) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                INSERT INTO users (id, name, admin, created_at) VALUES ($1, 'admin', true, now())
                ON CONFLICT (name) DO UPDATE SET admin = true
                RETURNING id""").execute(Tuple.of(UUID.randomUUID()))
                .map(rows -> rows.iterator().next().getUUID("id"))
                .flatMap(userId -> conn.preparedQuery("""
                        INSERT INTO api_keys (id, user_id, key_hash, prefix, created_at) VALUES ($1, $2, $3, $4, now())
                        ON CONFLICT (key_hash) DO UPDATE SET user_id = EXCLUDED.user_id, revoked_at = NULL""")
                        .execute(Tuple.of(UUID.randomUUID(), userId, ApiKeys.digest(key), "bootstrap"))))
                .replaceWithVoid();
    }
}
