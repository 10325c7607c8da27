package ai.automations.trigger.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.testing.TestDatabase;
import ai.automations.trigger.support.Kafka;

/**
 * kill -9 of trigger-service in the middle of a metric stream, then a restart: every expected firing is emitted
 * (none missed, each at the step it belongs to, so the windows came back exactly), and no request id twice; the
 * 24-hour rule holds across the restart although the threshold stays true for every later point.
 */
class KillRestartIT {

    @RegisterExtension
    static final ProcessTestInfrastructure INFRASTRUCTURE = new ProcessTestInfrastructure("trigger_kill");

    @Test
    void killNineMidStreamThenRestartMissesNothingAndDuplicatesNothing() {
        Kafka kafka = INFRASTRUCTURE.kafka();
        TestDatabase database = INFRASTRUCTURE.database();
        MetricStream stream = new MetricStream(40, 42);
        for (AutomationDefinition automation : stream.automations()) {
            kafka.publishDefinition(automation);
        }
        int fillers = 400;
        for (int i = 0; i < fillers; i++) {
            kafka.publishDefinition(ai.automations.trigger.support.Fixtures.automation("filler",
                    ai.automations.trigger.support.Fixtures.entityScope(), ai.automations.common.event.EventType.ADD_ARTIFACT_ALIAS,
                    ai.automations.common.automation.EventFilter.aliasRegex("^x$"), i % 2 == 0));
        }
        Set<String> expected = stream.expectedRequestIds();
        Set<String> automationIds = stream.automations().stream().map(AutomationDefinition::id).collect(Collectors.toSet());

        try (TriggerProcess first = INFRASTRUCTURE.trigger("trigger-a")) {
            first.awaitReady(Duration.ofSeconds(120));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> first.metric("trigger_definitions") >= 0);
            assertThat(first.metric("trigger_definitions")).as("ready only once every published definition is read")
                    .isEqualTo(fillers + 2.0);
            stream.publish(kafka, 1, 100, 20);
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> MetricStream.counts(kafka.actions(), automationIds).size() >= 10);
            stream.publish(kafka, 101, 120, 20);
            first.kill9();
        }
        int beforeRestart = MetricStream.counts(kafka.actions(), automationIds).size();

        stream.publish(kafka, 121, 160, 0);
        try (TriggerProcess second = INFRASTRUCTURE.trigger("trigger-a-restarted")) {
            second.awaitReady(Duration.ofSeconds(120));
            stream.publish(kafka, 161, MetricStream.STEPS, 10);
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> MetricStream.counts(kafka.actions(), automationIds).keySet().containsAll(expected));
            // let the restarted instance evaluate everything published, then look again for extras
            stream.publish(kafka, MetricStream.STEPS + 1, MetricStream.STEPS + 5, 0);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> lag(database, kafka) == 0);
            Map<String, Integer> counts = MetricStream.counts(kafka.actions(), automationIds);
            long duplicates = counts.values().stream().filter(c -> c > 1).count();
            System.out.printf("kill -9 test: %d firings expected, %d before the kill, %d distinct request ids on the "
                    + "topic, %d ids present more than once%n", expected.size(), beforeRestart, counts.size(), duplicates);
            assertThat(beforeRestart).as("the kill came in the middle of the firings").isBetween(1, expected.size() - 1);
            assertThat(counts.keySet()).as("no firing missed, none at a wrong step, none extra: no duplicate execution")
                    .isEqualTo(expected);
            // A request id on the topic twice can only come from a kill between the broker's acknowledgement and the
            // ledger write; action-service executes a request id once. It is reported above, not asserted.
        }
    }

    /** Points not yet covered by a checkpoint: end offsets minus checkpointed offsets. */
    static long lag(TestDatabase database, Kafka kafka) {
        try (var connection = database.connect(); var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT partition, next_offset FROM metric_checkpoint")) {
            Map<Integer, Long> checkpointed = new java.util.HashMap<>();
            while (rows.next()) {
                checkpointed.put(rows.getInt(1), rows.getLong(2));
            }
            long lag = 0;
            for (var e : kafka.endOffsets(ai.automations.common.event.Topics.RUN_METRICS).entrySet()) {
                lag += Math.max(0, e.getValue() - checkpointed.getOrDefault(e.getKey().partition(), 0L));
            }
            return lag;
        } catch (Exception e) {
            return -1;
        }
    }
}
