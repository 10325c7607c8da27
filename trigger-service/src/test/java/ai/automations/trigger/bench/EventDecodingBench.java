package ai.automations.trigger.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.event.Topics;
import ai.automations.trigger.event.KafkaCloudEvents;
import ai.automations.trigger.support.Fixtures;
import ai.automations.trigger.support.Kafka;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;

/**
 * (e): the per-record cost of reading {@code automation.events} records into events, on one thread. The floor is the
 * consumer's read before Kafka binary mode was accepted (a {@code StringDeserializer}, then Jackson from the string);
 * against it, {@link KafkaCloudEvents} on the same structured records as the outbox writes them (bytes, one header
 * lookup), and on the same events in Kafka binary mode as the CloudEvents SDK's serializer writes them.
 */
final class EventDecodingBench {

    private static final int RECORDS = 20_000;
    private static final int ROUNDS = 10;

    private EventDecodingBench() {
    }

    static void run() throws Exception {
        ObjectMapper mapper = JsonMapper.builder().findAndAddModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        KafkaCloudEvents reader = new KafkaCloudEvents(mapper);
        List<ConsumerRecord<String, byte[]>> structured = new ArrayList<>(RECORDS);
        List<ConsumerRecord<String, byte[]>> binary = new ArrayList<>(RECORDS);
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(java.util.Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
            for (int i = 0; i < RECORDS; i++) {
                CloudEvent event = Fixtures.event(EventType.ADD_ARTIFACT_ALIAS,
                        Fixtures.artifactData("acme", "fraud", null, "c" + (i % 100), "prod-" + i, null));
                RecordHeaders outbox = new RecordHeaders();
                outbox.add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
                structured.add(record(i, Kafka.JSON.writeValueAsBytes(event), outbox));
                RecordHeaders headers = new RecordHeaders();
                byte[] data = serializer.serialize(Topics.EVENTS, headers, CloudEventBuilder.v1()
                        .withId(UUID.randomUUID().toString()).withSource(URI.create("/bench"))
                        .withType(event.type()).withTime(OffsetDateTime.now(ZoneOffset.UTC))
                        .withData("application/json", Kafka.JSON.writeValueAsBytes(event.data())).build());
                binary.add(record(i, data, headers));
            }
        }
        StringDeserializer strings = new StringDeserializer();
        double[] floor = new double[ROUNDS];
        double[] readStructured = new double[ROUNDS];
        double[] readBinary = new double[ROUNDS];
        long sink = 0;
        for (int round = -5; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (ConsumerRecord<String, byte[]> r : structured) {
                String json = strings.deserialize(Topics.EVENTS, r.value());
                sink += mapper.readValue(json, CloudEvent.class).id().length();
            }
            long floorNanos = System.nanoTime() - start;
            start = System.nanoTime();
            for (ConsumerRecord<String, byte[]> r : structured) {
                sink += reader.read(r).id().length();
            }
            long structuredNanos = System.nanoTime() - start;
            start = System.nanoTime();
            for (ConsumerRecord<String, byte[]> r : binary) {
                sink += reader.read(r).id().length();
            }
            long binaryNanos = System.nanoTime() - start;
            if (round >= 0) {
                floor[round] = floorNanos / (double) RECORDS / 1000;
                readStructured[round] = structuredNanos / (double) RECORDS / 1000;
                readBinary[round] = binaryNanos / (double) RECORDS / 1000;
            }
        }
        System.out.printf("(e) reading automation.events records, one thread, median of %d rounds of %,d records "
                + "(min-max): floor (before: String, then Jackson) %.2f µs/record (%.2f-%.2f); structured mode now "
                + "%.2f µs (%.2f-%.2f), ratio %.2f; Kafka binary mode %.2f µs (%.2f-%.2f), ratio %.2f [%d]%n",
                ROUNDS, RECORDS, median(floor), min(floor), max(floor), median(readStructured), min(readStructured),
                max(readStructured), median(readStructured) / median(floor), median(readBinary), min(readBinary),
                max(readBinary), median(readBinary) / median(floor), sink % 10);
    }

    private static ConsumerRecord<String, byte[]> record(long offset, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(Topics.EVENTS, 0, offset, 0L, TimestampType.CREATE_TIME, 0, value.length, "key",
                value, headers, java.util.Optional.empty());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
