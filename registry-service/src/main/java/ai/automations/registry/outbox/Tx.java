package ai.automations.registry.outbox;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Runs service work in a database session. A write commits its changes and their outbox rows together, then kicks
 * the relay so the events leave at once; a failed write rolls everything back and publishes nothing.
 *
 * <p>The hot paths (tag and alias adds) use {@link #pipelined}: a transaction on the reactive SQL client whose
 * statements are sent without waiting for the answers of the ones before (PostgreSQL runs them in order), so a
 * change costs two round trips to the database instead of one per statement.
 */
@ApplicationScoped
public class Tx {

    private final OutboxRelay relay;
    private final Pool pool;

    public Tx(OutboxRelay relay, Pool pool) {
        this.relay = relay;
        this.pool = pool;
    }

    public <T> Uni<T> write(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(relay::kick);
    }

    public <T> Uni<T> read(Supplier<Uni<T>> work) {
        return Panache.withSession(work);
    }

    /**
     * A write on one connection of the SQL client: {@code BEGIN} goes out together with the work's first statements,
     * and the work ends with {@link #commit}, which sends {@code COMMIT} right behind its last statements. Any failure
     * (a statement's, or an exception the work throws on what it read) rolls back before the connection returns to
     * the pool; PostgreSQL itself refuses every statement after a failed one, so nothing after it is written.
     */
    public <T> Uni<T> pipelined(Function<SqlConnection, Uni<Committed<T>>> work) {
        Uni<T> transaction = pool.withConnection(conn -> Uni.combine().all()
                .unis(conn.query("BEGIN").execute(), Uni.createFrom().deferred(() -> work.apply(conn)))
                .with((begun, committed) -> committed.value())
                .onFailure().call(() -> conn.query("ROLLBACK").execute().onFailure().recoverWithNull()))
                .invoke(relay::kick);
        // Runs to its COMMIT or ROLLBACK even if the caller goes away: a cancelled transaction would otherwise go
        // back to the pool still open.
        return Uni.createFrom().emitter(emitter -> transaction.subscribe().with(emitter::complete, emitter::fail));
    }

    /** The SQL client's pool, for reads of one statement (a consistent snapshot without a transaction). */
    public Pool sql() {
        return pool;
    }

    /**
     * Ends a {@link #pipelined} write: {@code COMMIT} is sent right behind {@code last} (the work's last statements,
     * already on their way once this is subscribed), and the result is {@code value} once both have answered.
     */
    public static <T> Uni<Committed<T>> commit(SqlConnection conn, Uni<?> last, T value) {
        return Uni.combine().all().unis(last.replaceWith(Boolean.TRUE), conn.query("COMMIT").execute())
                .with((done, committed) -> new Committed<>(value));
    }

    /**
     * As {@link #commit(SqlConnection, Uni, Object)}, the result being {@code last}'s item: for work whose every
     * statement goes out at once, with nothing to decide between them.
     */
    public static <T> Uni<Committed<T>> commit(SqlConnection conn, Uni<T> last) {
        return Uni.combine().all().unis(last, conn.query("COMMIT").execute())
                .with((value, committed) -> new Committed<>(value));
    }

    /** The result of a pipelined write whose COMMIT was sent ({@link #commit}); only {@link Tx} makes them. */
    public static final class Committed<T> {

        private final T value;

        private Committed(T value) {
            this.value = value;
        }

        T value() {
            return value;
        }
    }
}
