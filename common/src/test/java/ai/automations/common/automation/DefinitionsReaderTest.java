package ai.automations.common.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.testing.KafkaBroker;

/**
 * The definitions reader against a real broker: it catches up with what was published before it started (overwrites
 * and deletions included) as one snapshot, follows later changes, reads everything again after a failure, and reads
 * partitions the topic gains.
 */
class DefinitionsReaderTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final KafkaBroker broker = KafkaBroker.shared();
    private final String topic = "definitions-" + UUID.randomUUID();
    private final Recorder recorder = new Recorder();
    private DefinitionsReader reader;
    private KafkaProducer<String, String> producer;

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.stop();
        }
        if (producer != null) {
            producer.close();
        }
    }

    private void createTopic(int partitions) {
        broker.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private void start(Duration partitionCheck) {
        reader = new DefinitionsReader("reader-test", Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()), new ObjectMapper().findAndRegisterModules(), recorder,
                new DefinitionsReader.Settings(topic, partitionCheck, Duration.ofMillis(100)));
        reader.start();
    }

    private void publish(String id, String name) throws Exception {
        publish(null, id, name);
    }

    private void publish(Integer partition, String id, String name) throws Exception {
        String value = name == null ? null
                : "{\"id\":\"" + id + "\",\"entity\":\"acme\",\"name\":\"" + name + "\",\"enabled\":true}";
        producer.send(new ProducerRecord<>(topic, partition, id, value)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void catchesUpWithEverythingPublishedBeforeItStartedThenFollowsChanges() throws Exception {
        createTopic(3);
        for (int i = 0; i < 300; i++) {
            publish("a" + i, "first");
        }
        for (int i = 0; i < 300; i += 2) {
            publish("a" + i, "second");
        }
        publish("a1", null);
        start(Duration.ofSeconds(30));

        Map<String, AutomationDefinition> all = recorder.nextSnapshot();
        assertThat(all).hasSize(299).doesNotContainKey("a1");
        assertThat(all.get("a0").name()).isEqualTo("second");
        assertThat(all.get("a3").name()).isEqualTo("first");
        awaitStatus(new DefinitionsReader.Status(true, 0, null));

        publish("a3", "third");
        publish("a0", null);
        Map<String, AutomationDefinition> changes = recorder.awaitChanges(Map.of("a3", "third", "a0", ""));
        assertThat(changes.get("a3").name()).isEqualTo("third");
        assertThat(changes).containsEntry("a0", null);
        assertThat(recorder.snapshots).isEmpty();
    }

    @Test
    void readsEverythingAgainAfterAFailure() throws Exception {
        createTopic(2);
        publish("b1", "kept");
        publish("b2", "kept");
        recorder.failNextSnapshot.set(1);
        start(Duration.ofSeconds(30));

        Map<String, AutomationDefinition> again = recorder.nextSnapshot();
        assertThat(again).containsOnlyKeys("b1", "b2");
        assertThat(recorder.failures.get()).isEqualTo(1);
        awaitStatus(new DefinitionsReader.Status(true, 0, null));

        publish("b3", "after");
        assertThat(recorder.awaitChanges(Map.of("b3", "after"))).containsKey("b3");
    }

    @Test
    void readsPartitionsTheTopicGains() throws Exception {
        createTopic(1);
        publish("c1", "one");
        start(Duration.ofMillis(200));
        assertThat(recorder.nextSnapshot()).containsOnlyKeys("c1");

        try (Admin admin = broker.admin()) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3))).all().get(30, TimeUnit.SECONDS);
        }
        publish(2, "c2", "on a new partition");
        assertThat(recorder.awaitChanges(Map.of("c2", "on a new partition")).get("c2").name())
                .isEqualTo("on a new partition");
    }

    /** The reader sets its status right after the listener took the snapshot: wait for it. */
    private void awaitStatus(DefinitionsReader.Status expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!reader.status().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(reader.status()).isEqualTo(expected);
    }

    /** Keeps what the reader hands over; can fail the next snapshot to make the reader start over. */
    private static final class Recorder implements DefinitionsReader.Listener {

        final BlockingQueue<Map<String, AutomationDefinition>> snapshots = new LinkedBlockingQueue<>();
        final BlockingQueue<Map<String, AutomationDefinition>> changes = new LinkedBlockingQueue<>();
        final AtomicInteger failNextSnapshot = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void caughtUp(Map<String, AutomationDefinition> all) {
            if (failNextSnapshot.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("listener failed on purpose");
            }
            snapshots.add(all);
        }

        @Override
        public void changed(Map<String, AutomationDefinition> changed) {
            changes.add(new HashMap<>(changed));
        }

        @Override
        public void failed() {
            failures.incrementAndGet();
        }

        Map<String, AutomationDefinition> nextSnapshot() throws InterruptedException {
            Map<String, AutomationDefinition> snapshot = snapshots.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(snapshot).as("a snapshot within %s", WAIT).isNotNull();
            return snapshot;
        }

        /** Merges change batches until each id has the expected name ("" for a deletion). */
        Map<String, AutomationDefinition> awaitChanges(Map<String, String> expected) throws InterruptedException {
            Map<String, AutomationDefinition> seen = new HashMap<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!reached(seen, expected)) {
                Map<String, AutomationDefinition> batch = changes.poll(
                        Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(batch).as("changes %s within %s; seen %s", expected, WAIT, seen.keySet()).isNotNull();
                seen.putAll(batch);
            }
            return seen;
        }

        private static boolean reached(Map<String, AutomationDefinition> seen, Map<String, String> expected) {
            for (Map.Entry<String, String> e : expected.entrySet()) {
                if (!seen.containsKey(e.getKey())) {
                    return false;
                }
                AutomationDefinition d = seen.get(e.getKey());
                if (!(e.getValue().isEmpty() ? d == null : d != null && e.getValue().equals(d.name()))) {
                    return false;
                }
            }
            return true;
        }
    }
}
