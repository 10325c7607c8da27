package ai.automations.action.execution;

import java.time.Instant;


import ai.automations.common.automation.RateLimit;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Decides whether a firing of a rate-limited automation may act, in PostgreSQL so that every action-service instance
 * shares one limit: a sliding window of the firing times the limit let through, kept in one row per automation and
 * decided and updated by one atomic statement ({@code INSERT ... ON CONFLICT DO UPDATE ... WHERE}, which locks the
 * row until the transaction ends). A firing is let through when fewer than {@code max} earlier ones fall within
 * {@code perSeconds} before it; it runs in the transaction that inserts the execution, so a repeated request (not
 * inserted) takes no slot and a rolled-back batch leaves the window as it was. Windows none of whose firings can
 * count any more (the last one is older than the longest window, a day) are deleted by {@link #purge}, so rows of
 * deleted automations do not pile up.
 */
final class RateWindows {

    private static final String TAKE = """
            INSERT INTO rate_limit_window AS w (automation_id, fired) VALUES ($1, ARRAY[CAST($2 AS bigint)])
            ON CONFLICT (automation_id) DO UPDATE
            SET fired = ARRAY(SELECT f FROM unnest(w.fired) f WHERE f > CAST($3 AS bigint) ORDER BY f)
                || CAST($2 AS bigint)
            WHERE (SELECT count(*) FROM unnest(w.fired) f WHERE f > CAST($3 AS bigint)) < CAST($4 AS integer)""";

    private static final String PURGE = """
            DELETE FROM rate_limit_window
            WHERE cardinality(fired) = 0 OR (SELECT max(f) FROM unnest(fired) f) < CAST($1 AS bigint)""";

    private RateWindows() {
    }

    /**
     * Deletes the windows whose last firing is older than {@code before}: with {@code before} a day ago (the longest
     * window), none of their firings counts any more, whether the automation stopped firing, lost its limit or was
     * deleted. The number deleted.
     */
    static Uni<Integer> purge(Pool pool, Instant before) {
        return pool.preparedQuery(PURGE).execute(Tuple.of(before.toEpochMilli())).map(RowSet::rowCount);
    }

    /** True when the firing at {@code firedAt} is within {@code limit} (and is now counted), false when over it. */
    static Uni<Boolean> take(SqlConnection connection, String automationId, RateLimit limit, Instant firedAt) {
        return connection.preparedQuery(TAKE)
                .execute(Tuple.of(automationId, firedAt.toEpochMilli(),
                        firedAt.toEpochMilli() - limit.perSeconds() * 1000L, limit.max()))
                .map(rows -> rows.rowCount() == 1);
    }
}
