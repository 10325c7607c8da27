package ai.automations.trigger.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.automations.common.event.RunMetricRecord;

/** The streaming reader of metric records gives exactly what Jackson data binding gives, for every shape. */
class RunMetricDeserializerTest {

    private final RunMetricDeserializer deserializer = new RunMetricDeserializer();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"runName\":\"train\",\"user\":\"bob\",\"metric\":\"loss\",\"step\":7,\"value\":0.25,\"timestamp\":\"2026-11-22T10:00:00Z\"}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"system/cpu\",\"step\":7,\"value\":3,\"timestamp\":\"2026-11-22T10:00:00.5Z\"}",
            "{\"timestamp\":\"2024-02-29T23:59:59.123456789Z\",\"value\":-1e-3,\"step\":9007199254740993,\"metric\":\"m\",\"runId\":\"r\",\"project\":\"p\",\"entity\":\"e\",\"extra\":{\"a\":[1,2,{\"b\":null}]}}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":1,\"value\":1.5,\"timestamp\":\"2026-11-22T10:00:00+02:00\"}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":1,\"value\":1.5,\"timestamp\":1795340000.25}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":1,\"value\":1.5,\"timestamp\":null,\"runName\":null}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":1,\"value\":1.5}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":\"3\",\"value\":\"1.5\"}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":1,\"value\":null}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":1,\"value\":1,\"timestamp\":\"2026-02-30T10:00:00Z\"}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":1,\"value\":1,\"timestamp\":\"not a time\"}",
            "{\"entity\":5,\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":1,\"value\":1}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":1,\"value\":1,\"tags\":[\"prod\",\"gpu\"]}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":1,\"value\":1,\"tags\":[]}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":1,\"value\":1,\"tags\":null}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":1,\"value\":1,\"tags\":[1]}",
            "{\"entity\":\"acme\",\"project\":\"p\",\"runId\":\"r1\",\"metric\":\"loss\",\"step\":1,\"value\":1,\"tags\":\"prod\"}",
            "[1,2,3]", "{\"entity\":\"acme\",", "not json", "" })
    void readsWhatDataBindingReads(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        RunMetricRecord expected = RunMetricDeserializer.bound(bytes);
        assertThat(deserializer.deserialize("automation.run-metrics", bytes)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-22T10:00:00Z", "2026-11-22T10:00:00.1Z", "1970-01-01T00:00:00.000000001Z",
            "2024-02-29T23:59:59.999Z", "2000-12-31T12:34:56.789012Z" })
    void utcTimestampsParseLikeInstantParse(String text) throws Exception {
        assertThat(RunMetricDeserializer.utc(text)).isEqualTo(Instant.parse(text));
    }
}
