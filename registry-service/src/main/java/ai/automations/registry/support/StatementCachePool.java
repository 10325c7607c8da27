package ai.automations.registry.support;

import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;

/**
 * Creates the reactive pool as Quarkus configures it, with a longer statement-cache limit. The hot reads are single
 * statements that resolve a whole path (entity, registry or project, collection, version, links) and are longer than
 * the Vert.x default of 2,048 characters; a statement over the limit is prepared again at every call, and PostgreSQL
 * plans it each time: the GET of a version spent more in planning than in reading.
 */
@Singleton
@Unremovable
public class StatementCachePool implements PgPoolCreator {

    private final StatementCacheConfig config;

    public StatementCachePool(StatementCacheConfig config) {
        this.config = config;
    }

    @Override
    @SuppressWarnings("deprecation") // PgPool is the type Quarkus' pool bean must have
    public Pool create(Input input) {
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setPreparedStatementCacheSqlLimit(config.preparedStatementCacheSqlLimit());
        }
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
