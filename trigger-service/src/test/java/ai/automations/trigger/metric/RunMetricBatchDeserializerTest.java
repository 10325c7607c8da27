package ai.automations.trigger.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.automations.common.event.RunMetricBatch;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.trigger.support.Kafka;

/**
 * A history call's batch record gives its points step by step, each step's metrics in the order written, exactly as
 * the single records it replaces would have; the streaming reader gives what data binding gives; a single record
 * still reads as one point.
 */
class RunMetricBatchDeserializerTest {

    private final RunMetricBatchDeserializer deserializer = new RunMetricBatchDeserializer();

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00.250Z");

    private RunMetricPoints read(String json) {
        return deserializer.deserialize("automation.run-metrics", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBatchGivesItsPointsInStepThenWrittenOrder() throws Exception {
        Map<String, Double> first = new LinkedHashMap<>();
        first.put("loss", 0.9);
        first.put("acc", 0.1);
        Map<String, Double> second = new LinkedHashMap<>();
        second.put("acc", Double.NaN);
        second.put("loss", Double.NEGATIVE_INFINITY);
        RunMetricBatch batch = new RunMetricBatch("acme", "p", "r1", "train", "bob", List.of("prod"), List.of(
                new RunMetricBatch.Step(3, T0, first), new RunMetricBatch.Step(4, T0.plusSeconds(1), second),
                new RunMetricBatch.Step(4, T0, Map.of("loss", 7.0))));
        byte[] json = Kafka.JSON.writeValueAsBytes(batch);

        RunMetricPoints points = deserializer.deserialize("automation.run-metrics", json);
        assertThat(points.points()).containsExactly(
                new RunMetricRecord("acme", "p", "r1", "train", "bob", "loss", 3, 0.9, T0, List.of("prod")),
                new RunMetricRecord("acme", "p", "r1", "train", "bob", "acc", 3, 0.1, T0, List.of("prod")),
                new RunMetricRecord("acme", "p", "r1", "train", "bob", "acc", 4, Double.NaN, T0.plusSeconds(1),
                        List.of("prod")),
                new RunMetricRecord("acme", "p", "r1", "train", "bob", "loss", 4, Double.NEGATIVE_INFINITY,
                        T0.plusSeconds(1), List.of("prod")),
                new RunMetricRecord("acme", "p", "r1", "train", "bob", "loss", 4, 7.0, T0, List.of("prod")));
        assertThat(points).isEqualTo(RunMetricBatchDeserializer.bound(json));
        assertThat(points.points()).allSatisfy(p -> assertThat(RunMetricDeserializer.problem(p)).isNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"runName\":\"n\",\"user\":null,\"tags\":null,\"steps\":[{\"step\":0,\"timestamp\":\"2026-11-22T10:00:00Z\",\"metrics\":{\"a\":1,\"b\":NaN,\"c\":\"Infinity\",\"d\":-Infinity}}]}",
            "{\"steps\":[{\"metrics\":{\"a\":1.5},\"timestamp\":\"2026-11-22T10:00:00.123456Z\",\"step\":9007199254740993}],\"runId\":\"r1\",\"project\":\"p\",\"entity\":\"e\",\"extra\":{\"x\":[1,{\"y\":null}]}}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"steps\":[{\"step\":1,\"timestamp\":1795340000.25,\"metrics\":{\"a\":1}}]}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"steps\":[{\"step\":1,\"timestamp\":\"2026-11-22T10:00:00+02:00\",\"metrics\":{\"a\":1}}]}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"tags\":[\"a\",\"b\"],\"steps\":[{\"step\":1,\"metrics\":{\"a\":1}},{\"step\":2,\"timestamp\":null,\"metrics\":{\"a\":2}}]}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"steps\":[]}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"steps\":[{\"step\":\"1\",\"metrics\":{\"a\":1}}]}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"steps\":[{\"step\":1,\"metrics\":{\"a\":\"high\"}}]}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"steps\":[{\"step\":1,\"metrics\":{\"a\":null}}]}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"steps\":[{\"step\":1,\"metrics\":[1]}]}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"steps\":{\"step\":1}}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"steps\":[{\"step\":1,\"timestamp\":\"soon\",\"metrics\":{\"a\":1}}]}" })
    void readsWhatDataBindingReads(String json) {
        RunMetricPoints expected = RunMetricBatchDeserializer.bound(json.getBytes(StandardCharsets.UTF_8));
        assertThat(read(json)).isEqualTo(expected);
    }

    @Test
    void aSingleRecordIsOnePointAndNonsenseIsNothing() {
        String single = "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"runName\":\"train\",\"user\":\"bob\","
                + "\"metric\":\"loss\",\"step\":7,\"value\":\"NaN\",\"timestamp\":\"2026-11-22T10:00:00Z\"}";
        assertThat(read(single).points()).containsExactly(new RunMetricDeserializer()
                .deserialize("automation.run-metrics", single.getBytes(StandardCharsets.UTF_8)));
        assertThat(read("[1,2,3]")).isNull();
        assertThat(read("not json")).isNull();
        assertThat(read("{\"entity\":\"acme\",")).isNull();
        assertThat(read("{\"entity\":\"acme\"}").points()).as("no steps: read as a single record, which the consumer "
                + "refuses").singleElement().satisfies(p -> assertThat(RunMetricDeserializer.problem(p)).isNotNull());
    }
}
