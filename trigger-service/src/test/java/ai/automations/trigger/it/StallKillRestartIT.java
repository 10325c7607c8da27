package ai.automations.trigger.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.common.testing.TestDatabase;
import ai.automations.trigger.support.Fixtures;
import ai.automations.trigger.support.Kafka;

/**
 * RUN_STALLED in real time across kill -9 and two instances: two trigger-service processes arm one-minute deadlines
 * for runs spread over the partitions, both are killed with SIGKILL inside the stall window, the minute passes while
 * they are down, and two new processes sharing the partitions fire each stall exactly once (the owner of the run's
 * partition, at the first check after assignment), however the partitions move between them.
 */
class StallKillRestartIT {

    @RegisterExtension
    static final ProcessTestInfrastructure INFRASTRUCTURE = new ProcessTestInfrastructure("trigger_stall");

    private static final int RUNS = 8;

    private static TriggerProcess trigger(String name) {
        return TriggerProcess.start(name, INFRASTRUCTURE.bootstrapServers(), INFRASTRUCTURE.database(),
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-Dautomations.trigger.checkpoint-interval-ms=1000",
                        "-Dautomations.trigger.stall-check-interval=PT0.5S",
                        "-Dquarkus.log.category.\"ai.automations\".level=DEBUG"));
    }

    @Test
    void aStallWhoseMinutePassedWhileEveryInstanceWasKilledFiresOnceAfterRestart() throws Exception {
        Kafka kafka = INFRASTRUCTURE.kafka();
        TestDatabase database = INFRASTRUCTURE.database();
        AutomationDefinition stalled = Fixtures.automation("acme", Fixtures.entityScope(), EventType.RUN_STALLED,
                EventFilter.stalled(1, null, null), true);
        kafka.publishDefinition(stalled);
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add("stall-run-" + i);
        }

        try (TriggerProcess a = trigger("stall-a"); TriggerProcess b = trigger("stall-b")) {
            a.awaitReady(Duration.ofSeconds(180));
            b.awaitReady(Duration.ofSeconds(180));
            List<RunMetricRecord> points = new ArrayList<>();
            for (String run : runs) {
                points.add(Fixtures.point("acme", "p", run, "train-" + run, "alice", "loss", 1, 0.5));
            }
            kafka.publishMetrics(points);
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count(database, "SELECT count(*) FROM run_stall WHERE fired_at IS NULL") == RUNS);
            assertThat(kafka.actionsFor(stalled.id())).as("armed, not fired: the minute has not passed").isEmpty();
            a.kill9();
            b.kill9();
        }
        Instant lastDeadline = latestDeadline(database);
        assertThat(lastDeadline).as("killed inside the stall window").isAfter(Instant.now());
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> Instant.now().isAfter(lastDeadline));
        assertThat(kafka.actionsFor(stalled.id())).as("nobody was up to fire").isEmpty();

        try (TriggerProcess a2 = trigger("stall-a-restarted"); TriggerProcess b2 = trigger("stall-b-restarted")) {
            a2.awaitReady(Duration.ofSeconds(180));
            b2.awaitReady(Duration.ofSeconds(180));
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> distinctRuns(kafka.actionsFor(stalled.id())).size() == RUNS);
            // both instances check several more times over their (possibly moved) partitions: nothing fires again
            double checksA = a2.metric("trigger_stall_checks_total");
            double checksB = b2.metric("trigger_stall_checks_total");
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> a2.metric("trigger_stall_checks_total") >= checksA + 4
                            && b2.metric("trigger_stall_checks_total") >= checksB + 4);
            List<ActionRequest> fired = kafka.actionsFor(stalled.id());
            Map<String, Long> perRequest = fired.stream()
                    .collect(Collectors.groupingBy(ActionRequest::id, Collectors.counting()));
            System.out.printf("stall kill -9 test: %d runs, %d distinct request ids, %d records on the topic "
                    + "(a request id twice could only come from a check between publishing and recording, during a "
                    + "rebalance; action-service executes a request id once)%n", RUNS, perRequest.size(), fired.size());
            assertThat(distinctRuns(fired)).as("each run's stall, once").containsOnlyKeys(runs)
                    .allSatisfy((run, ids) -> assertThat(ids).isEqualTo(1L));
            assertThat(perRequest).hasSize(RUNS);
            assertThat(count(database, "SELECT count(*) FROM run_stall WHERE fired_at IS NOT NULL")).isEqualTo(RUNS);
        }
    }

    /** Distinct request ids per run. */
    private static Map<String, Long> distinctRuns(List<ActionRequest> requests) {
        return requests.stream().collect(Collectors.toMap(ActionRequest::id, Function.identity(), (x, y) -> x))
                .values().stream().collect(Collectors.groupingBy(r -> r.event().data().get("runId").asText(),
                        Collectors.counting()));
    }

    private static long count(TestDatabase database, String sql) {
        try (var connection = database.connect(); var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private static Instant latestDeadline(TestDatabase database) throws Exception {
        try (var connection = database.connect(); var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT max(deadline_at) FROM run_stall")) {
            rows.next();
            Timestamp t = rows.getTimestamp(1);
            return t.toInstant();
        }
    }
}
