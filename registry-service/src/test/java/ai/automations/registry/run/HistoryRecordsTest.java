package ai.automations.registry.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A call's points written as {@code automation.run-metrics} batch records: steps in stable step order with their
 * metrics in the order logged, non-finite values as words, and a large call cut into records of bounded size (a step
 * split across two records when it must be) that together hold every point once.
 */
class HistoryRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HistoryRecords.Run RUN = new HistoryRecords.Run("acme", "p", "r1", "brave-owl", null,
            List.of("prod"));

    private static List<String> points(List<byte[]> records) throws Exception {
        List<String> points = new ArrayList<>();
        for (byte[] record : records) {
            JsonNode batch = JSON.readTree(record);
            assertThat(batch.get("entity").asText()).isEqualTo("acme");
            assertThat(batch.get("runName").asText()).isEqualTo("brave-owl");
            assertThat(batch.get("user").isNull()).isTrue();
            assertThat(batch.get("tags").toString()).isEqualTo("[\"prod\"]");
            for (JsonNode step : batch.get("steps")) {
                step.get("metrics").fields().forEachRemaining(m -> points.add(m.getKey() + "@" + step.get("step")
                        .asLong() + "=" + m.getValue().asText() + "@" + step.get("timestamp").asText()));
            }
        }
        return points;
    }

    @Test
    void stepsAreWrittenInStableStepOrderWithTheirMetricsInTheOrderLogged() throws Exception {
        Instant t = Instant.parse("2026-01-01T00:00:00.500Z");
        HistoryBatch batch = new HistoryBatch(1, 1);
        batch.startStep();
        batch.add("loss", 0.5);
        batch.endStep(2, t);
        batch.startStep();
        batch.add("loss", Double.NaN);
        batch.add("acc", Double.NEGATIVE_INFINITY);
        batch.endStep(1, t);
        batch.startStep();
        batch.add("loss", 0.25);
        batch.endStep(1, t.plusSeconds(1));
        List<byte[]> records = HistoryRecords.write(RUN, batch, batch.order());
        assertThat(records).hasSize(1);
        assertThat(points(records)).containsExactly("loss@1=NaN@2026-01-01T00:00:00.500Z",
                "acc@1=-Infinity@2026-01-01T00:00:00.500Z", "loss@1=0.25@2026-01-01T00:00:01.500Z",
                "loss@2=0.5@2026-01-01T00:00:00.500Z");

        RunHistoryRepository.Columns columns = batch.columns(batch.order());
        assertThat(columns.width()).isNull();
        assertThat(columns.metrics()).containsExactly("loss", "acc", "loss", "loss");
        assertThat(columns.steps()).containsExactly(1L, 1L, 1L, 2L);
        assertThat(columns.values()).containsExactly(Double.NaN, Double.NEGATIVE_INFINITY, 0.25, 0.5);
        assertThat(columns.timestamps()).hasSize(4);
    }

    @Test
    void stepsThatAllLogTheSameMetricsAreStoredByStepWithTheNamesOnce() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        HistoryBatch batch = new HistoryBatch(1, 1);
        batch.startStep();
        batch.add("loss", 0.5);
        batch.add("acc", 0.1);
        batch.endStep(2, t.plusSeconds(2));
        batch.startStep();
        batch.add("acc", Double.NaN);
        batch.add("loss", 0.9);
        batch.endStep(1, t.plusSeconds(1));
        batch.startStep();
        batch.add("loss", 0.8);
        batch.add("acc", 0.2);
        batch.endStep(1, t);

        RunHistoryRepository.Columns columns = batch.columns(batch.order());
        assertThat(columns.width()).isEqualTo(2);
        assertThat(columns.metrics()).containsExactly("loss", "acc");
        assertThat(columns.steps()).containsExactly(1L, 1L, 2L);
        assertThat(columns.timestamps()).extracting(OffsetDateTime::toInstant)
                .containsExactly(t.plusSeconds(1), t, t.plusSeconds(2));
        assertThat(columns.values()).containsExactly(0.9, Double.NaN, 0.8, 0.2, 0.5, 0.1);
    }

    @Test
    void stepsLoggingDifferentMetricsOfTheSameCountAreStoredValueByValue() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        HistoryBatch batch = new HistoryBatch(1, 1);
        batch.startStep();
        batch.add("loss", 0.5);
        batch.endStep(0, t);
        batch.startStep();
        batch.add("acc", 0.1);
        batch.endStep(1, t);

        RunHistoryRepository.Columns columns = batch.columns(batch.order());
        assertThat(columns.width()).isNull();
        assertThat(columns.metrics()).containsExactly("loss", "acc");
        assertThat(columns.steps()).containsExactly(0L, 1L);
        assertThat(columns.values()).containsExactly(0.5, 0.1);
    }

    @Test
    void aDecimalIsPublishedAsTheTextItWasLoggedAsAndEveryOtherValueFormatted() throws Exception {
        HistoryBatch batch = new HistoryJson(JSON).points(("[{\"step\":0,\"metrics\":{\"a\":0.10000,\"b\":1e-3,"
                + "\"c\":-2.5E+2,\"d\":3,\"e\":NaN,\"f\":1e400,\"g\":\"-Infinity\","
                + "\"h\":0.1000000000000000055511151231257827021181583404541015625}}]")
                .getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        String record = new String(HistoryRecords.write(RUN, batch, batch.order()).get(0), StandardCharsets.UTF_8);
        assertThat(record).contains("\"metrics\":{\"a\":0.10000,\"b\":1e-3,\"c\":-2.5E+2,\"d\":3.0,\"e\":\"NaN\","
                + "\"f\":\"Infinity\",\"g\":\"-Infinity\",\"h\":0.1}");
        assertThat(points(List.of(record.getBytes(StandardCharsets.UTF_8)))).containsExactly(
                "a@0=0.1@1970-01-01T00:00:00Z", "b@0=0.001@1970-01-01T00:00:00Z", "c@0=-250.0@1970-01-01T00:00:00Z",
                "d@0=3.0@1970-01-01T00:00:00Z", "e@0=NaN@1970-01-01T00:00:00Z", "f@0=Infinity@1970-01-01T00:00:00Z",
                "g@0=-Infinity@1970-01-01T00:00:00Z", "h@0=0.1@1970-01-01T00:00:00Z");
    }

    @Test
    void aLargeCallIsCutIntoBoundedRecordsHoldingEveryPointOnce() throws Exception {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        HistoryBatch batch = new HistoryBatch(1, 1);
        List<String> expected = new ArrayList<>();
        for (int step = 0; step < 50; step++) {
            batch.startStep();
            for (int m = 0; m < (step == 20 ? 400 : 10); m++) {
                batch.add("metric_" + m, step + m / 1000.0);
                expected.add("metric_" + m + "@" + step + "=" + (step + m / 1000.0) + "@" + t);
            }
            batch.endStep(step, t);
        }
        List<byte[]> records = HistoryRecords.write(RUN, batch, batch.order(), 4096);
        assertThat(records).hasSizeGreaterThan(3)
                .allSatisfy(r -> assertThat(r.length).isLessThan(4096 + 1024));
        assertThat(points(records)).containsExactlyElementsOf(expected);
    }

    @Test
    void everyRecordCarriesTheRunsConfigAsStoredAndNullWhenItHasNone() throws Exception {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        HistoryBatch batch = new HistoryBatch(1, 1);
        for (int step = 0; step < 20; step++) {
            batch.startStep();
            batch.add("loss", step);
            batch.endStep(step, t);
        }
        HistoryRecords.Run configured = new HistoryRecords.Run("acme", "p", "r1", "brave-owl", null, List.of("prod"),
                "{\"lr\":0.001,\"optimizer\":{\"name\":\"adam\"}}");
        List<byte[]> records = HistoryRecords.write(configured, batch, batch.order(), 256);
        assertThat(records).hasSizeGreaterThan(1);
        for (byte[] record : records) {
            JsonNode config = JSON.readTree(record).get("config");
            assertThat(config.path("optimizer").path("name").asText()).isEqualTo("adam");
            assertThat(config.path("lr").asDouble()).isEqualTo(0.001);
        }
        for (String none : new String[] { null, "{}" }) {
            HistoryRecords.Run bare = new HistoryRecords.Run("acme", "p", "r1", "brave-owl", null, null, none);
            assertThat(JSON.readTree(HistoryRecords.write(bare, batch, batch.order()).get(0)).get("config").isNull())
                    .isTrue();
        }
    }
}
