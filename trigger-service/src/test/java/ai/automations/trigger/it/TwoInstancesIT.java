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
 * Two trigger-service processes share the partitions of {@code automation.run-metrics}; one is killed mid-stream
 * (its partitions and their checkpointed windows move to the other) and comes back (they move back, handed over by
 * the survivor's checkpoint on revocation). Every firing happens once, at its step.
 */
class TwoInstancesIT {

    private static final String OWNED = "trigger_metric_partitions_owned";

    @RegisterExtension
    static final ProcessTestInfrastructure INFRASTRUCTURE = new ProcessTestInfrastructure("trigger_two");

    @Test
    void twoInstancesSplitThePartitionsAndEachFiringHappensOnce() {
        Kafka kafka = INFRASTRUCTURE.kafka();
        TestDatabase database = INFRASTRUCTURE.database();
        MetricStream stream = new MetricStream(40, 7);
        for (AutomationDefinition automation : stream.automations()) {
            kafka.publishDefinition(automation);
        }
        Set<String> expected = stream.expectedRequestIds();
        Set<String> automationIds = stream.automations().stream().map(AutomationDefinition::id).collect(Collectors.toSet());

        try (TriggerProcess a = INFRASTRUCTURE.trigger("trigger-1");
                TriggerProcess b = INFRASTRUCTURE.trigger("trigger-2")) {
            a.awaitReady(Duration.ofSeconds(120));
            b.awaitReady(Duration.ofSeconds(120));
            stream.publish(kafka, 1, 5, 0);
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> a.metric(OWNED) > 0 && b.metric(OWNED) > 0 && a.metric(OWNED) + b.metric(OWNED) == 4);
            System.out.printf("two instances: partitions owned %s + %s%n", a.metric(OWNED), b.metric(OWNED));

            stream.publish(kafka, 6, 90, 20);
            b.kill9();
            stream.publish(kafka, 91, 150, 20);
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> a.metric(OWNED) == 4);
            try (TriggerProcess b2 = INFRASTRUCTURE.trigger("trigger-2-restarted")) {
                b2.awaitReady(Duration.ofSeconds(120));
                Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> b2.metric(OWNED) > 0);
                stream.publish(kafka, 151, MetricStream.STEPS, 20);
                Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> KillRestartIT.lag(database, kafka) == 0
                                && MetricStream.counts(kafka.actions(), automationIds).keySet().containsAll(expected));
                Map<String, Integer> counts = MetricStream.counts(kafka.actions(), automationIds);
                long duplicates = counts.values().stream().filter(c -> c > 1).count();
                System.out.printf("two instances: %d firings expected, %d distinct request ids, %d present more than "
                        + "once; partitions owned at the end %s + %s%n", expected.size(), counts.size(), duplicates,
                        a.metric(OWNED), b2.metric(OWNED));
                assertThat(counts.keySet()).as("each firing once, at its step, across reassignments").isEqualTo(expected);
            }
        }
    }
}
