package ai.automations.trigger.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.RunMetricBatch;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.common.event.Topics;

/**
 * Test access to a real broker: publishes definitions, events and metric points the way the other services do, and
 * reads {@code automation.actions} up to its end.
 */
public final class Kafka implements AutoCloseable {

    public static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final String bootstrap;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> actionsConsumer;
    private final List<ActionRequest> actions = new ArrayList<>();

    public Kafka(String bootstrap) {
        this.bootstrap = bootstrap;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
        actionsConsumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = partitions(actionsConsumer, Topics.ACTIONS);
        actionsConsumer.assign(partitions);
        actionsConsumer.seekToBeginning(partitions);
    }

    public String bootstrap() {
        return bootstrap;
    }

    public void publishDefinition(AutomationDefinition definition) {
        send(Topics.DEFINITIONS, definition.id(), write(definition));
    }

    public void deleteDefinition(String id) {
        send(Topics.DEFINITIONS, id, null);
    }

    public void publishEvent(String key, CloudEvent event) {
        send(Topics.EVENTS, key, write(event));
    }

    public void publishRaw(String topic, String key, String value) {
        send(topic, key, value);
    }

    public void publishMetric(RunMetricRecord point) {
        send(Topics.RUN_METRICS, point.runId(), write(point));
    }

    /** One history call as registry-service publishes it: one record for all its points. */
    public void publishBatch(RunMetricBatch batch) {
        send(Topics.RUN_METRICS, batch.runId(), write(batch));
    }

    public void publishMetrics(List<RunMetricRecord> points) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (RunMetricRecord point : points) {
            sent.add(producer.send(new ProducerRecord<>(Topics.RUN_METRICS, point.runId(), write(point))));
        }
        for (var f : sent) {
            await(f);
        }
    }

    private void send(String topic, String key, String value) {
        await(producer.send(new ProducerRecord<>(topic, key, value)));
    }

    /** Every action request published so far (read up to the end offsets as of this call). */
    public synchronized List<ActionRequest> actions() {
        Map<TopicPartition, Long> end = actionsConsumer.endOffsets(actionsConsumer.assignment());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!reached(actionsConsumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read automation.actions to its end");
            }
            for (ConsumerRecord<String, String> record : actionsConsumer.poll(Duration.ofMillis(200))) {
                try {
                    ActionRequest request = JSON.readValue(record.value(), ActionRequest.class);
                    if (!record.key().equals(request.automation().id())) {
                        throw new IllegalStateException("action request keyed " + record.key() + " is for "
                                + request.automation().id());
                    }
                    actions.add(request);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return List.copyOf(actions);
    }

    public List<ActionRequest> actionsFor(String automationId) {
        return actions().stream().filter(a -> a.automation().id().equals(automationId)).collect(Collectors.toList());
    }

    /** Waits until consumer group {@code group} has committed the end of every partition of {@code topic}. */
    public void awaitCommitted(String group, String topic, Duration timeout) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, Long> end;
            try (KafkaConsumer<String, String> probe = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap), new StringDeserializer(), new StringDeserializer())) {
                end = probe.endOffsets(partitions(probe, topic));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                boolean done = end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("group " + group + " did not consume " + topic + " to " + end + "; at " + committed);
                }
                Thread.sleep(100);
            }
        } catch (Exception e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }

    /** The end offsets of a topic right now. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, String> probe = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), new StringDeserializer(), new StringDeserializer())) {
            return probe.endOffsets(partitions(probe, topic));
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(java.util.concurrent.Future<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The broker did not take a record", e);
        }
    }

    @Override
    public void close() {
        producer.close();
        actionsConsumer.close();
    }
}
