package ai.automations.trigger.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.event.Topics;
import ai.automations.trigger.TriggerMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Reads the compacted {@code automation.definitions} topic into the {@link AutomationCatalog}: every partition from
 * its beginning, without a consumer group (each instance needs all definitions), first up to the end offsets seen at
 * start (then the catalog is ready), then following updates as they come.
 */
@ApplicationScoped
public class DefinitionsFollower {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PARTITION_CHECK_MILLIS = 30_000;

    private final AutomationCatalog catalog;
    private final Map<String, Object> kafkaConfig;
    private final ObjectMapper mapper;
    private final TriggerMetrics metrics;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public DefinitionsFollower(AutomationCatalog catalog, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            ObjectMapper mapper, TriggerMetrics metrics) {
        this.catalog = catalog;
        this.kafkaConfig = kafkaConfig;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "automation-definitions");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
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
                metrics.definitionFailure();
                Log.errorf(e, "Reading %s failed; reading it again from the beginning in 2 s", Topics.DEFINITIONS);
                sleep(2_000);
            } finally {
                consumer = null;
            }
        }
    }

    /** Reads the topic from its beginning, hands the catalog a full replacement once caught up, then follows it. */
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
                    catalog.replaceAll(all);
                    all.clear();
                    catalog.markReady();
                }
            } else {
                catalog.apply(changes);
            }
            if (System.currentTimeMillis() > nextPartitionCheck) {
                nextPartitionCheck = System.currentTimeMillis() + PARTITION_CHECK_MILLIS;
                partitions = addNewPartitions(c, partitions);
            }
        }
    }

    private void read(ConsumerRecord<String, String> record, Map<String, AutomationDefinition> changes) {
        if (record.key() == null) {
            metrics.definitionFailure();
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
            metrics.definitionFailure();
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
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "trigger-definitions-" + UUID.randomUUID());
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
