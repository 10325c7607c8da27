package ai.automations.registry.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.automations.common.error.ApiException;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.SecretsDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The streaming reader of a history body takes exactly what the strict reader (tree, binding, constraints) takes,
 * with the same points, and leaves everything else to it, so that a bad body is refused with the same error as
 * before.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class HistoryJsonTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Inject
    HistoryJson json;

    @Inject
    RunHistoryService service;

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> describe(HistoryBatch batch) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < batch.steps(); s++) {
            for (int v = batch.firstValue(s); v < batch.endValue(s); v++) {
                out.add(batch.step(s) + "|" + batch.metric(v) + "=" + batch.value(v) + "|" + batch.timestamp(s));
            }
        }
        return out;
    }

    private static List<String> describe(List<RunHistoryService.Point> points) {
        List<String> out = new ArrayList<>();
        for (RunHistoryService.Point p : points) {
            p.metrics().forEach((m, v) -> out.add(p.step() + "|" + m + "=" + v + "|" + p.timestamp()));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"step\":0,\"metrics\":{\"loss\":0.9,\"system/cpu\":55},\"timestamp\":1700000000.5}",
            "[{\"step\":2,\"metrics\":{\"loss\":0.5}},{\"step\":1,\"metrics\":{\"loss\":0.7},\"timestamp\":\"2026-01-01T00:00:00Z\"}]",
            "[{\"metrics\":{\"b\":1,\"a\":2},\"step\":3,\"timestamp\":null},{\"timestamp\":0,\"step\":3,\"metrics\":{\"a\":-1e-300}}]",
            "[{\"step\": 0, \"metrics\": {\"loss\": NaN, \"grad\": Infinity, \"x\": -Infinity}}, {\"step\": 1, \"metrics\": {\"loss\": \"NaN\", \"grad\": \"Infinity\", \"x\": \"-Infinity\"}}]",
            "{\"step\":9223372036854775807,\"metrics\":{\"big\":123456789012345678901234567890,\"tiny\":4.9e-324}}",
            "[{\"step\":1,\"metrics\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10,\"k\":11,\"l\":12,\"m\":13,\"n\":14,\"o\":15,\"p\":16,\"q\":17,\"r\":18}}]",
            "{\"step\":1,\"metrics\":{\"é/ü\":1},\"timestamp\":\"2026-01-01T00:00:00.123456789Z\"} trailing" })
    void theStreamingReaderReadsWhatTheStrictReaderReads(String body) {
        HistoryBatch fast = json.points(bytes(body), NOW);
        assertThat(fast).as("taken by the streaming reader").isNotNull();
        assertThat(describe(fast)).isEqualTo(describe(service.parse(json.read(bytes(body)), NOW)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "null", "5", "\"x\"", "[]", "{}", "[1]", "not json", "[{\"step\":0,\"metrics\":{\"a\":1}},",
            "{\"step\":-1,\"metrics\":{\"a\":1}}", "{\"step\":1.5,\"metrics\":{\"a\":1}}",
            "{\"step\":\"1\",\"metrics\":{\"a\":1}}", "{\"step\":null,\"metrics\":{\"a\":1}}",
            "{\"step\":92233720368547758070,\"metrics\":{\"a\":1}}", "{\"metrics\":{\"a\":1}}", "{\"step\":1}",
            "{\"step\":1,\"metrics\":{}}", "{\"step\":1,\"metrics\":null}", "{\"step\":1,\"metrics\":[1]}",
            "{\"step\":1,\"metrics\":{\"a\":null}}", "{\"step\":1,\"metrics\":{\"a\":\"high\"}}",
            "{\"step\":1,\"metrics\":{\"a\":\"1.5\"}}", "{\"step\":1,\"metrics\":{\"a\":true}}",
            "{\"step\":1,\"metrics\":{\"a\":{}}}", "{\"step\":1,\"metrics\":{\" \":1}}", "{\"step\":1,\"metrics\":{\"\":1}}",
            "{\"step\":1,\"metrics\":{\"a\":1},\"timestamp\":\"yesterday\"}",
            "{\"step\":1,\"metrics\":{\"a\":1},\"timestamp\":-1}", "{\"step\":1,\"metrics\":{\"a\":1},\"timestamp\":NaN}",
            "{\"step\":1,\"metrics\":{\"a\":1},\"timestamp\":true}", "{\"step\":1,\"metrics\":{\"a\":1},\"extra\":1}",
            "{\"step\":1,\"metrics\":{\"a\":Inf}}" })
    void whatTheStreamingReaderDoesNotTakeTheStrictReaderRefuses(String body) {
        assertThat(json.points(bytes(body), NOW)).isNull();
        assertThatThrownBy(() -> service.parse(bytes(body), NOW)).isInstanceOf(ApiException.class);
    }

    @Test
    void limitsAndRepeatsAreLeftToTheStrictReader() {
        String name = "m".repeat(257);
        assertThat(json.points(bytes("{\"step\":1,\"metrics\":{\"" + name + "\":1}}"), NOW)).isNull();
        assertThat(json.points(bytes("{\"step\":1,\"metrics\":{\"" + "m".repeat(256) + "\":1}}"), NOW)).isNotNull();

        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= RunHistoryService.MAX_POINTS; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"step\":").append(i).append(",\"metrics\":{\"a\":1}}");
        }
        String body = tooMany.append(']').toString();
        assertThat(json.points(bytes(body), NOW)).isNull();
        assertThatThrownBy(() -> service.parse(bytes(body), NOW)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).contains("this one has 10001"));

        String repeated = "{\"step\":1,\"metrics\":{\"a\":1,\"b\":2,\"a\":3}}";
        assertThat(json.points(bytes(repeated), NOW)).as("a repeated name is the strict reader's to resolve").isNull();
        assertThat(describe(service.parse(bytes(repeated), NOW))).isEqualTo(describe(service.parse(json.read(
                bytes(repeated)), NOW)));
    }
}
