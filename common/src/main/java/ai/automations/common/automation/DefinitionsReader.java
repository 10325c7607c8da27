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
 * since a Kafka consumer blocks; a failure starts the reading over from the beginning.
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

    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PARTITION_CHECK_MILLIS = 30_000;

    private final String clientIdPrefix;
    private final Map<String, Object> kafkaConfig;
    private final ObjectMapper mapper;
    private final Listener listener;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    /**
     * @param clientIdPrefix names this reader's Kafka client (a random suffix is added)
     * @param kafkaConfig the service's Kafka client configuration; group and deserializer settings are ignored
     */
    public DefinitionsReader(String clientIdPrefix, Map<String, Object> kafkaConfig, ObjectMapper mapper,
            Listener listener) {
        this.clientIdPrefix = clientIdPrefix;
        this.kafkaConfig = kafkaConfig;
        this.mapper = mapper;
        this.listener = listener;
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
                listener.failed();
                Log.errorf(e, "Reading %s failed; reading it again from the beginning in 2 s", Topics.DEFINITIONS);
                sleep(2_000);
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
        long nextPartitionCheck = System.currentTimeMillis() + PARTITION_CHECK_MILLIS;
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
                }
            } else if (!changes.isEmpty()) {
                listener.changed(changes);
            }
            if (System.currentTimeMillis() > nextPartitionCheck) {
                nextPartitionCheck = System.currentTimeMillis() + PARTITION_CHECK_MILLIS;
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
            Log.infof("Waiting for topic %s to exist", Topics.DEFINITIONS);
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

    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, String> c) {
        List<PartitionInfo> infos = c.partitionsFor(Topics.DEFINITIONS, Duration.ofSeconds(10));
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
