package ai.automations.trigger.metric;

import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.entityScope;
import static ai.automations.trigger.support.Fixtures.threshold;
import static ai.automations.trigger.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.event.EventType;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.trigger.evaluation.CompiledAutomation;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The 24-hour firing ledger in the real database: run ids are unique per project only, so a firing for run {@code r}
 * of one project leaves run {@code r} of another project of the same entity (an ENTITY-scoped automation) free to
 * fire, and rows written before the ledger knew projects still count for their run id.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class FiringLedgerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    FiringLedger ledger;

    @Inject
    Pool pool;

    private final String entity = unique("ent");
    private final CompiledAutomation automation = CompiledAutomation.compile(automation(entity, entityScope(),
            EventType.RUN_METRIC_THRESHOLD, threshold("loss", Aggregation.LATEST, 1, Comparison.GT, 1), true));

    private Firing firing(String project, String runId) {
        return new Firing(automation, null, runId, entity, project, "train", "alice", "loss", 7, 2.0,
                new double[] { 2.0 }, Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void theSameRunIdInAnotherProjectIsAnotherRun() {
        String run = unique("run");
        Firing inA = firing("project-a", run);
        Firing inB = firing("project-b", run);
        long firedAt = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
        ledger.record(List.of(inA), firedAt).await().atMost(WAIT);

        Map<String, Instant> last = ledger.lastFirings(List.of(inA, inB)).await().atMost(WAIT);
        assertThat(last).containsOnlyKeys(FiringLedger.key(inA));
        assertThat(last.get(FiringLedger.key(inA)).toEpochMilli()).isEqualTo(firedAt);
        assertThat(ledger.lastFiring(automation.id(), entity, "project-b", run).await().atMost(WAIT))
                .as("run %s of project-b never fired", run).isEmpty();
        assertThat(ledger.lastFiring(automation.id(), entity, "project-a", run).await().atMost(WAIT))
                .contains(Instant.ofEpochMilli(firedAt));

        ledger.record(List.of(inB), firedAt + 1000).await().atMost(WAIT);
        assertThat(ledger.lastFirings(List.of(inA, inB)).await().atMost(WAIT))
                .as("each run keeps its own firing").containsEntry(FiringLedger.key(inA), Instant.ofEpochMilli(firedAt))
                .containsEntry(FiringLedger.key(inB), Instant.ofEpochMilli(firedAt + 1000));
    }

    @Test
    void rowsWrittenBeforeProjectsWereKeptStillCount() {
        String run = unique("run");
        Instant firedAt = Instant.parse("2026-12-01T09:00:00Z");
        pool.preparedQuery("INSERT INTO run_metric_firing (automation_id, run_id, fired_at, event_id) "
                + "VALUES ($1, $2, $3, 'legacy')").execute(Tuple.of(automation.id(), run,
                        firedAt.atOffset(java.time.ZoneOffset.UTC))).await().atMost(WAIT);
        Firing firing = firing("project-a", run);
        assertThat(ledger.lastFirings(List.of(firing)).await().atMost(WAIT))
                .containsEntry(FiringLedger.key(firing), firedAt);
        Optional<Instant> last = ledger.lastFiring(automation.id(), entity, "project-a", run).await().atMost(WAIT);
        assertThat(last).contains(firedAt);
    }

    /** Firings past the quiet time count for nothing: the hourly purge deletes them and keeps the others. */
    @Test
    void firingsPastTheQuietTimeArePurged() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        Firing old = firing("project-a", unique("run"));
        Firing recent = firing("project-a", unique("run"));
        ledger.record(List.of(old), now.minus(Duration.ofHours(25)).toEpochMilli()).await().atMost(WAIT);
        ledger.record(List.of(recent), now.minus(Duration.ofHours(23)).toEpochMilli()).await().atMost(WAIT);

        assertThat(ledger.purge(now.minus(Duration.ofHours(24))).await().atMost(WAIT)).isGreaterThanOrEqualTo(1);

        assertThat(ledger.lastFirings(List.of(old, recent)).await().atMost(WAIT))
                .containsOnlyKeys(FiringLedger.key(recent));
        assertThat(pool.preparedQuery("SELECT count(*) FROM run_metric_firing WHERE fired_at < $1")
                .execute(Tuple.of(now.minus(Duration.ofHours(24)).atOffset(java.time.ZoneOffset.UTC)))
                .await().atMost(WAIT).iterator().next().getLong(0)).isZero();
    }
}
