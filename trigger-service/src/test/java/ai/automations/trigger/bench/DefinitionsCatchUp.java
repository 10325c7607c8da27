package ai.automations.trigger.bench;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.DefinitionsReader;
import ai.automations.common.event.Topics;
import ai.automations.common.testing.KafkaBroker;
import ai.automations.common.testing.TestTopics;
import ai.automations.trigger.support.Kafka;

/**
 * Part (d) of the benchmark: how long a starting instance takes to hold every automation definition, read the way
 * {@link DefinitionsReader} reads ({@code assign}, no group, up to the end offsets seen at start) and the way a SmallRye
 * channel would (a KafkaConsumer in a consumer group of its own, {@code subscribe}, until it reaches the same end
 * offsets). Both parse every definition. Measured on a broker as the tests configure it
 * ({@code group.initial.rebalance.delay.ms=0}) and on one with Kafka's default for that setting (3 s), which a new
 * group waits out before its first assignment.
 */
final class DefinitionsCatchUp {

    private static final int ROUNDS = 5;

    private DefinitionsCatchUp() {
    }

    static void run(BenchFleet fleet, int definitions) throws Exception {
        measure(fleet, definitions, "group.initial.rebalance.delay.ms=0 (tests)", Map.of());
        measure(fleet, definitions, "group.initial.rebalance.delay.ms=3000 (Kafka's default)",
                Map.of("group.initial.rebalance.delay.ms", "3000"));
    }

    private static void measure(BenchFleet fleet, int definitions, String brokerSetting, Map<String, String> overrides)
            throws Exception {
        KafkaBroker broker = KafkaBroker.start(Paths.get("target", "bench-kafka"), overrides);
        try {
            broker.createTopics(TestTopics.CONTRACT);
            publish(broker, fleet, definitions);
            List<Double> reader = new ArrayList<>();
            List<Double> group = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                if (round % 2 == 0) {
                    reader.add(withReader(broker, definitions));
                    group.add(withOwnGroup(broker, definitions));
                } else {
                    group.add(withOwnGroup(broker, definitions));
                    reader.add(withReader(broker, definitions));
                }
            }
            System.out.printf("(d) catching up with %,d definitions on start, broker %s, median of %d: DefinitionsReader "
                    + "(assign) %.0f ms %s; consumer group of its own (subscribe, as a SmallRye channel) %.0f ms %s%n",
                    definitions, brokerSetting, ROUNDS, median(reader), rounded(reader), median(group), rounded(group));
        } finally {
            broker.stop();
        }
    }

    private static List<Long> rounded(List<Double> millis) {
        return millis.stream().map(Math::round).toList();
    }

    private static void publish(KafkaBroker broker, BenchFleet fleet, int definitions) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < definitions; i++) {
                AutomationDefinition template = fleet.automations.get(i % fleet.automations.size());
                ObjectNode json = Kafka.JSON.valueToTree(template);
                String id = UUID.randomUUID().toString();
                json.put("id", id);
                producer.send(new ProducerRecord<>(Topics.DEFINITIONS, id, Kafka.JSON.writeValueAsString(json)));
            }
            producer.flush();
        }
    }

    /** Milliseconds from start until the reader hands over the snapshot. */
    private static double withReader(KafkaBroker broker, int definitions) throws InterruptedException {
        CountDownLatch caughtUp = new CountDownLatch(1);
        int[] size = new int[1];
        DefinitionsReader reader = new DefinitionsReader("bench-definitions",
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), Kafka.JSON,
                new DefinitionsReader.Listener() {
                    @Override
                    public void caughtUp(Map<String, AutomationDefinition> all) {
                        size[0] = all.size();
                        caughtUp.countDown();
                    }

                    @Override
                    public void changed(Map<String, AutomationDefinition> changes) {
                    }

                    @Override
                    public void failed() {
                    }
                });
        long start = System.nanoTime();
        reader.start();
        try {
            if (!caughtUp.await(5, TimeUnit.MINUTES) || size[0] != definitions) {
                throw new IllegalStateException("the reader did not catch up with " + definitions + " definitions");
            }
            return (System.nanoTime() - start) / 1e6;
        } finally {
            reader.stop();
        }
    }

    /** Milliseconds from start until a consumer in a fresh group has read and parsed up to the end offsets. */
    private static double withOwnGroup(KafkaBroker broker, int definitions) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-definitions-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long start = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DEFINITIONS));
            Map<String, AutomationDefinition> all = new HashMap<>();
            Map<TopicPartition, Long> end = null;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (end == null || !reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the group consumer did not catch up");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    all.put(record.key(), Kafka.JSON.readValue(record.value(), AutomationDefinition.class));
                }
                Collection<TopicPartition> assigned = consumer.assignment();
                if (end == null && !assigned.isEmpty()) {
                    end = consumer.endOffsets(assigned);
                }
            }
            if (all.size() != definitions) {
                throw new IllegalStateException("the group consumer read " + all.size() + " of " + definitions);
            }
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }
}
