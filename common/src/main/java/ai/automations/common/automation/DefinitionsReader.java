package ai.automations.common.automation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.event.Topics;
import io.quarkus.logging.Log;

/**
 * Follows the compacted {@code automation.definitions} topic for a service that needs every automation: each
 * partition from its beginning, without a consumer group (every instance reads everything), first up to the end
 * offsets seen at start, handed over as one full snapshot, then the changes as they come. Runs on its own thread,
 * since a Kafka consumer blocks; a failure starts the reading over from the beginning, and partitions the topic gains
 * are read from their beginning. {@link #status()} tells a health check how the reading goes.
 *
 * <p>Why not a SmallRye channel: a channel consumes through a consumer group ({@code subscribe}), so every instance
 * would need a group of its own, created anew on every start and paying the broker's initial rebalance delay
 * ({@code group.initial.rebalance.delay.ms}, 3 s by default) before the first record; the connector offers neither
 * "the end offsets as they were at start" nor a restart of a failed channel. Reading with {@code assign} has neither
 * cost; trigger-service's benchmark (part d) measures both ways.
 */
public final class DefinitionsReader {

    /** Receives what the reader learns; called on the reader's thread. */
    public interface Listener {

        /** Every automation in the topic up to the end offsets seen at start; replaces anything known before. */
        void caughtUp(Map<String, AutomationDefinition> all);

        /** Changes after the snapshot, in topic order per automation; a {@code null} value is a deletion. */
        void changed(Map<String, AutomationDefinition> changes);

        /** A record could not be used or the reading failed; the reader carries on. */
        void failed();
    }

    /**
     * What the reader reads and how it paces itself.
     *
     * @param topic the compacted definitions topic
     * @param partitionCheck how often the topic is checked for new partitions
     * @param retryDelay how long the reader waits before it reads the topic again after a failure
     */
    public record Settings(String topic, Duration partitionCheck, Duration retryDelay) {

        /** The contract's topic, checked for new partitions every 30 s, read again 2 s after a failure. */
        public static final Settings DEFAULTS = new Settings(Topics.DEFINITIONS, Duration.ofSeconds(30),
                Duration.ofSeconds(2));
    }

    /**
     * How the reading goes, for health checks.
     *
     * @param caughtUp whether the reader has caught up with the topic (since then the listener holds every definition)
     * @param failures failures since the reading last caught up (0 while it goes well)
     * @param lastFailure the message of the last failure, null when there was none
     */
    public record Status(boolean caughtUp, int failures, String lastFailure) {
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final String clientIdPrefix;
    private final Map<String, Object> kafkaConfig;
    private final ObjectMapper mapper;
    private final Listener listener;
    private final Settings settings;
    private volatile Status status = new Status(false, 0, null);
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    /**
     * @param clientIdPrefix names this reader's Kafka client (a random suffix is added)
     * @param kafkaConfig the service's Kafka client configuration; group and deserializer settings are ignored
     */
    public DefinitionsReader(String clientIdPrefix, Map<String, Object> kafkaConfig, ObjectMapper mapper,
            Listener listener) {
        this(clientIdPrefix, kafkaConfig, mapper, listener, Settings.DEFAULTS);
    }

    public DefinitionsReader(String clientIdPrefix, Map<String, Object> kafkaConfig, ObjectMapper mapper,
            Listener listener, Settings settings) {
        this.clientIdPrefix = clientIdPrefix;
        this.kafkaConfig = kafkaConfig;
        this.mapper = mapper;
        this.listener = listener;
        this.settings = settings;
    }

    /** How the reading goes. */
    public Status status() {
        return status;
    }

    /** Starts reading on a daemon thread. */
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, clientIdPrefix);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops reading and waits up to ten seconds for the thread to end. */
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                    new StringDeserializer())) {
                consumer = c;
                follow(c);
            } catch (WakeupException e) {
                if (running) {
                    Log.warn("Definitions reader woken up unexpectedly; reading the topic again");
                }
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                Status before = status;
                status = new Status(before.caughtUp(), before.failures() + 1, String.valueOf(e.getMessage()));
                listener.failed();
                Log.errorf(e, "Reading %s failed; reading it again from the beginning in %d ms", settings.topic(),
                        settings.retryDelay().toMillis());
                sleep(settings.retryDelay().toMillis());
            } finally {
                consumer = null;
            }
        }
    }

    private void follow(KafkaConsumer<String, String> c) {
        List<TopicPartition> partitions = awaitPartitions(c);
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        Map<String, AutomationDefinition> all = new HashMap<>();
        boolean caughtUp = false;
        long nextPartitionCheck = System.currentTimeMillis() + settings.partitionCheck().toMillis();
        while (running) {
            ConsumerRecords<String, String> records = c.poll(POLL);
            Map<String, AutomationDefinition> changes = new LinkedHashMap<>();
            for (ConsumerRecord<String, String> record : records) {
                read(record, changes);
            }
            if (!caughtUp) {
                changes.forEach((id, definition) -> {
                    if (definition == null) {
                        all.remove(id);
                    } else {
                        all.put(id, definition);
                    }
                });
                if (reached(c, end)) {
                    caughtUp = true;
                    listener.caughtUp(Map.copyOf(all));
                    all.clear();
                    status = new Status(true, 0, null);
                }
            } else if (!changes.isEmpty()) {
                listener.changed(changes);
            }
            if (System.currentTimeMillis() > nextPartitionCheck) {
                nextPartitionCheck = System.currentTimeMillis() + settings.partitionCheck().toMillis();
                partitions = addNewPartitions(c, partitions);
            }
        }
    }

    private void read(ConsumerRecord<String, String> record, Map<String, AutomationDefinition> changes) {
        if (record.key() == null) {
            listener.failed();
            Log.errorf("Ignored a definition without key at %s-%d offset %d", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        if (record.value() == null) {
            changes.put(record.key(), null);
            return;
        }
        try {
            AutomationDefinition definition = mapper.readValue(record.value(), AutomationDefinition.class);
            if (definition.id() == null || definition.entity() == null) {
                throw new IllegalArgumentException("id and entity are required");
            }
            changes.put(record.key(), definition);
        } catch (Exception e) {
            listener.failed();
            Log.errorf("Ignored an unreadable definition for automation %s at %s-%d offset %d (the previous one stays): %s",
                    record.key(), record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private static boolean reached(KafkaConsumer<String, String> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, String> c) {
        while (running) {
            List<TopicPartition> partitions = partitionsOf(c);
            if (!partitions.isEmpty()) {
                return partitions;
            }
            Log.infof("Waiting for topic %s to exist", settings.topic());
            sleep(1_000);
        }
        throw new WakeupException();
    }

    private List<TopicPartition> addNewPartitions(KafkaConsumer<String, String> c, List<TopicPartition> known) {
        List<TopicPartition> now = partitionsOf(c);
        if (now.size() <= known.size()) {
            return known;
        }
        List<TopicPartition> added = new ArrayList<>(now);
        added.removeAll(known);
        c.assign(now);
        c.seekToBeginning(added);
        Log.infof("Definitions topic grew to %d partitions", now.size());
        return now;
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<String, String> c) {
        List<PartitionInfo> infos = c.partitionsFor(settings.topic(), Duration.ofSeconds(10));
        List<TopicPartition> partitions = new ArrayList<>();
        if (infos != null) {
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        return partitions;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.keySet().removeIf(key -> key.startsWith("group.") || key.contains("deserializer"));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // partitionsFor answers from the client's metadata, refreshed only this often: as often as partitions are checked
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) settings.partitionCheck().toMillis());
        return config;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
