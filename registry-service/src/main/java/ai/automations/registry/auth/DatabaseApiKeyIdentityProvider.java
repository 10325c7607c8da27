package ai.automations.registry.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.auth.ApiKeyIdentityProvider;
import ai.automations.common.auth.Caller;
import ai.automations.common.auth.Role;
import ai.automations.common.vertx.VertxContexts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * registry-service owns users and keys, so it authenticates API keys from its own database, and keeps what it read
 * in memory (by the key's digest) so that a request costs no query: every change of access (a key revoked, a role
 * given, changed or taken) voids the memory of every instance at once through {@link AuthChanges}, and nothing is
 * kept while this instance cannot hear of changes, so a revoked key or a changed role still takes effect at once.
 * Only keys that were found are kept. The other services ask it through {@link IntrospectionResource}, which answers
 * from the same lookup. Lookups wait for {@link BootstrapAdmin}.
 */
@ApplicationScoped
public class DatabaseApiKeyIdentityProvider extends ApiKeyIdentityProvider {

    private static final String QUERY = """
            SELECT u.id, u.name, u.admin, e.name AS entity, m.role
            FROM api_keys k
            JOIN users u ON u.id = k.user_id
            LEFT JOIN memberships m ON m.user_id = u.id
            LEFT JOIN entities e ON e.id = m.entity_id
            WHERE k.key_hash = $1 AND k.revoked_at IS NULL""";

    /** A key's identity as read at {@code generation}, reusable until {@code expiresAt} (nanoTime). */
    private record Known(Caller caller, long generation, long expiresAt) {
    }

    private final Pool pool;
    private final BootstrapAdmin bootstrap;
    private final AuthChanges changes;
    private final RegistryAuthConfig config;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    public DatabaseApiKeyIdentityProvider(Pool pool, BootstrapAdmin bootstrap, AuthChanges changes,
            RegistryAuthConfig config) {
        this.pool = pool;
        this.bootstrap = bootstrap;
        this.changes = changes;
        this.config = config;
    }

    @Override
    public Uni<Caller> caller(String apiKey) {
        String digest = ApiKeys.digest(apiKey);
        if (bootstrap.isDone() && changes.live()) {
            Known k = known.get(digest);
            if (k != null && k.generation() == changes.generation() && System.nanoTime() - k.expiresAt() < 0) {
                return Uni.createFrom().item(k.caller());
            }
        }
        return VertxContexts.resumeOnCaller(bootstrap.done()).chain(() -> lookup(digest));
    }

    private Uni<Caller> lookup(String digest) {
        boolean live = changes.live();
        long generation = changes.generation();
        return pool.preparedQuery(QUERY).execute(Tuple.of(digest)).map(rows -> {
            Map<String, Role> roles = new HashMap<>();
            Row first = null;
            for (Row row : rows) {
                first = first == null ? row : first;
                String entity = row.getString("entity");
                if (entity != null) {
                    roles.put(entity, Role.valueOf(row.getString("role")));
                }
            }
            if (first == null) {
                return null;
            }
            Caller caller = Caller.user(first.getUUID("id").toString(), first.getString("name"),
                    first.getBoolean("admin"), roles);
            remember(digest, caller, live, generation);
            return caller;
        });
    }

    /** Keeps what was read unless a change was heard of since the read began (it may predate the change). */
    private void remember(String digest, Caller caller, boolean live, long generation) {
        if (!live || generation != changes.generation()) {
            return;
        }
        if (known.size() >= config.keyCacheSize()) {
            known.clear();
        }
        known.put(digest, new Known(caller, generation, System.nanoTime() + config.keyCacheTtl().toNanos()));
    }
}
