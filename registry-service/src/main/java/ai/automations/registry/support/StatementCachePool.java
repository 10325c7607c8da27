package ai.automations.registry.support;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * Creates the reactive PostgreSQL pool as Quarkus would, except that statements up to {@value #SQL_LIMIT} characters
 * are kept prepared per connection. The client's default limit (2,048) left the read of a version (its links and
 * their aliases and tags, about 2,100 characters) parsed and planned again at every call: the bench's profile showed
 * it as an unnamed statement costing more in planning than in running, on every GET of a version and every tag or
 * alias add. Quarkus exposes only whether the cache is on ({@code cache-prepared-statements}), not this limit.
 */
@Singleton
public class StatementCachePool implements PgPoolCreator {

    /** Longer than any statement this service sends over and over; one-off longer ones are simply not cached. */
    static final int SQL_LIMIT = 8192;

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> options = new ArrayList<>();
        for (PgConnectOptions o : input.pgConnectOptionsList()) {
            options.add(o.setPreparedStatementCacheSqlLimit(SQL_LIMIT));
        }
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(options).using(input.vertx()).build();
    }
}
