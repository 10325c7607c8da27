package ai.automations.trigger.support;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.event.Topics;
import ai.automations.common.testing.KafkaBroker;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.definition.CatalogEntry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The running service as a test sees it: publish to its input topics, wait until it has consumed them, read what it
 * emitted. One instance per test JVM, shared by all test classes (they share one Quarkus application).
 */
public final class Pipeline {

    private static Kafka kafka;

    private Pipeline() {
    }

    public static synchronized Kafka kafka() {
        if (kafka == null) {
            kafka = new Kafka(KafkaBroker.shared().bootstrapServers());
        }
        return kafka;
    }

    /** Publishes a definition and waits until the service's index has it as published. */
    public static void define(AutomationCatalog catalog, AutomationDefinition definition) {
        kafka().publishDefinition(definition);
        awaitDefinition(catalog, definition.id(), e -> e.definition().equals(definition));
    }

    public static void delete(AutomationCatalog catalog, String id) {
        kafka().deleteDefinition(id);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> catalog.find(id).isEmpty());
    }

    public static void awaitDefinition(AutomationCatalog catalog, String id, Predicate<CatalogEntry> state) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> catalog.find(id).filter(state).isPresent());
    }

    /** Waits until every event published so far has been evaluated (and its action requests acknowledged). */
    public static void awaitEventsEvaluated() {
        kafka().awaitCommitted("trigger-service", Topics.EVENTS, Duration.ofSeconds(90));
    }

    /** Waits until every metric point published so far is covered by a checkpoint (evaluated and emitted). */
    public static void awaitMetricsCheckpointed(Pool pool) {
        Map<TopicPartition, Long> end = kafka().endOffsets(Topics.RUN_METRICS);
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<Integer, Long> checkpointed = new java.util.HashMap<>();
            for (Row row : pool.query("SELECT partition, next_offset FROM metric_checkpoint WHERE topic = '"
                    + Topics.RUN_METRICS + "'").execute().await().atMost(Duration.ofSeconds(10))) {
                checkpointed.put(row.getInteger(0), row.getLong(1));
            }
            return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || checkpointed.getOrDefault(e.getKey().partition(), 0L) >= e.getValue());
        });
    }
}
