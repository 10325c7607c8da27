package ai.automations.registry.auth;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * At start, makes sure the global admin user {@code admin} holds the configured bootstrap key: created once, left
 * alone when already there, re-instated if it was revoked. Safe when several instances start at once.
 */
@Singleton
public class BootstrapAdmin {

    private final Pool pool;
    private final RegistryAuthConfig config;

    public BootstrapAdmin(Pool pool, RegistryAuthConfig config) {
        this.pool = pool;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        config.bootstrapAdminKey().filter(key -> !key.isBlank()).ifPresent(key -> {
            ensure(key);
            Log.info("Bootstrap admin 'admin' holds the configured API key");
        });
    }

    void ensure(String key) {
        pool.withTransaction(conn -> conn.preparedQuery("""
                INSERT INTO users (id, name, admin, created_at) VALUES ($1, 'admin', true, now())
                ON CONFLICT (name) DO UPDATE SET admin = true
                RETURNING id""").execute(Tuple.of(UUID.randomUUID()))
                .map(rows -> rows.iterator().next().getUUID("id"))
                .flatMap(userId -> conn.preparedQuery("""
                        INSERT INTO api_keys (id, user_id, key_hash, prefix, created_at) VALUES ($1, $2, $3, $4, now())
                        ON CONFLICT (key_hash) DO UPDATE SET user_id = EXCLUDED.user_id, revoked_at = NULL""")
                        .execute(Tuple.of(UUID.randomUUID(), userId, ApiKeys.digest(key), "bootstrap"))))
                .await().atMost(Duration.ofSeconds(60));
    }
}
