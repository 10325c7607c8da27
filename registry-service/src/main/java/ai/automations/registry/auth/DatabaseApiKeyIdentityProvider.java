package ai.automations.registry.auth;

import java.util.HashMap;
import java.util.Map;

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
 * registry-service owns users and keys, so it authenticates API keys from its own database: one indexed query per
 * request and no cache, so a revoked key or a changed role takes effect at once. The other services ask it through
 * {@link IntrospectionResource}, which answers from the same lookup. Lookups wait for {@link BootstrapAdmin}.
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

    private final Pool pool;
    private final BootstrapAdmin bootstrap;

    public DatabaseApiKeyIdentityProvider(Pool pool, BootstrapAdmin bootstrap) {
        this.pool = pool;
        this.bootstrap = bootstrap;
    }

    @Override
    public Uni<Caller> caller(String apiKey) {
        return VertxContexts.resumeOnCaller(bootstrap.done()).chain(() -> lookup(apiKey));
    }

    private Uni<Caller> lookup(String apiKey) {
        return pool.preparedQuery(QUERY).execute(Tuple.of(ApiKeys.digest(apiKey))).map(rows -> {
            Map<String, Role> roles = new HashMap<>();
            Row first = null;
            for (Row row : rows) {
                first = first == null ? row : first;
                String entity = row.getString("entity");
                if (entity != null) {
                    roles.put(entity, Role.valueOf(row.getString("role")));
                }
            }
            return first == null ? null
                    : Caller.user(first.getUUID("id").toString(), first.getString("name"), first.getBoolean("admin"), roles);
        });
    }
}
