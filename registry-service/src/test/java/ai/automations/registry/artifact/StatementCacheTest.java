package ai.automations.registry.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.automations.common.error.ApiException;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.collection.CollectionRef;
import ai.automations.registry.support.SecretsDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The read of a version is one long statement: it must be prepared once per connection, not at every call (a
 * statement the pool does not cache is planned again by PostgreSQL each time, which cost the GET of a version 20×).
 * PostgreSQL lists a connection's named prepared statements in {@code pg_prepared_statements}; the unnamed one used
 * for an uncached statement is not listed.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class StatementCacheTest {

    @Inject
    Pool pool;

    @Inject
    VersionStore store;

    @Test
    void everyReadOfAVersionIsPreparedOncePerConnection() {
        long cached = pool.withConnection(c -> read(c, CollectionRef.Kind.PROJECT, "v0")
                .chain(() -> read(c, CollectionRef.Kind.PROJECT, "prod"))
                .chain(() -> read(c, CollectionRef.Kind.REGISTRY, "v0"))
                .chain(() -> read(c, CollectionRef.Kind.REGISTRY, "prod"))
                .chain(() -> c.query("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%link_tags%'"
                        + " AND statement LIKE '%xt.tag%'").execute())
                .map(rows -> rows.iterator().next().getLong(0)))
                .await().atMost(Duration.ofSeconds(30));

        assertThat(cached).isEqualTo(4);
    }

    /** The lighter read a tag or alias add locates its version with is as long, and cached the same way. */
    @Test
    void everyLocateOfAVersionIsPreparedOncePerConnection() {
        long cached = pool.withConnection(c -> locate(c, CollectionRef.Kind.PROJECT, "v0")
                .chain(() -> locate(c, CollectionRef.Kind.PROJECT, "prod"))
                .chain(() -> locate(c, CollectionRef.Kind.REGISTRY, "v0"))
                .chain(() -> locate(c, CollectionRef.Kind.REGISTRY, "prod"))
                .chain(() -> locate(c, CollectionRef.Kind.REGISTRY, "prod"))
                .chain(() -> c.query("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%link_tags%'"
                        + " AND statement NOT LIKE '%xt.tag%'").execute())
                .map(rows -> rows.iterator().next().getLong(0)))
                .await().atMost(Duration.ofSeconds(30));

        assertThat(cached).isEqualTo(4);
    }

    private Uni<Void> locate(SqlConnection c, CollectionRef.Kind kind, String version) {
        return store.locate(c, new CollectionRef("no-such-entity", kind, "parent", "collection"), version)
                .onFailure(ApiException.class).recoverWithNull().replaceWithVoid();
    }

    /** Reads a version of a collection that does not exist: the statement runs all the same and answers 404. */
    private Uni<Void> read(SqlConnection c, CollectionRef.Kind kind, String version) {
        return store.read(c, new CollectionRef("no-such-entity", kind, "parent", "collection"), version)
                .onFailure(ApiException.class).recoverWithNull().replaceWithVoid();
    }
}
