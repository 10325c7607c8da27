package ai.automations.registry.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.testing.KafkaBroker;

/**
 * Reads a topic of the test broker from its beginning with a plain consumer and keeps every record, so tests can
 * wait for the records they expect (polling, generous timeouts) and then assert on exactly what arrived.
 */
public final class TopicReader implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, TopicReader> SHARED = new ConcurrentHashMap<>();

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    /**
     * The test JVM's one reader of {@code topic}, opened on first use and left open for the tests that follow: each
     * test matches only its own records (by its entity or key), so the readers need not be per test class.
     */
    public static TopicReader shared(String topic) {
        return SHARED.computeIfAbsent(topic, TopicReader::new);
    }

    public TopicReader(String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "registry-test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits until {@code count} records match, and returns all records that match (in arrival order). */
    public synchronized List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> match,
            int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<String, String>> matching = records.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " matching records within " + timeout + ", got "
                        + matching.size() + ": " + matching.stream().map(ConsumerRecord::value).toList());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
    }

    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> match, int count) {
        return await(match, count, Duration.ofSeconds(60));
    }

    /** Polls for a while and returns what matches (for asserting that something did not arrive). */
    public synchronized List<ConsumerRecord<String, String>> drain(Predicate<ConsumerRecord<String, String>> match,
            Duration during) {
        long deadline = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records.stream().filter(match).toList();
    }

    public static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return record.value() == null ? null : MAPPER.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + record.value(), e);
        }
    }

    /** Matches CloudEvents whose data names {@code entity}. */
    public static Predicate<ConsumerRecord<String, String>> ofEntity(String entity) {
        return r -> {
            JsonNode event = json(r);
            return event != null && entity.equals(event.path("data").path("entity").asText());
        };
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
