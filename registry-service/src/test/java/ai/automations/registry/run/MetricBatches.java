package ai.automations.registry.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.registry.support.TopicReader;

/** The points of {@code automation.run-metrics} batch records, in the order a consumer evaluates them. */
final class MetricBatches {

    /** One point of a batch: its metric, step, value as written (a number or "NaN"/"Infinity") and timestamp. */
    record Point(String metric, long step, JsonNode value, String timestamp, ConsumerRecord<String, String> record) {

        /** {@code metric@step=value}, the value as JSON text. */
        String text() {
            return metric + "@" + step + "=" + value.asText();
        }
    }

    private MetricBatches() {
    }

    /** Every point of these records: steps in order, each step's metrics in the order written. */
    static List<Point> points(List<ConsumerRecord<String, String>> records) {
        List<Point> points = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            for (JsonNode step : TopicReader.json(record).get("steps")) {
                step.get("metrics").fields().forEachRemaining(m -> points.add(new Point(m.getKey(),
                        step.get("step").asLong(), m.getValue(), step.get("timestamp").asText(), record)));
            }
        }
        return points;
    }

    /** Waits until the matching records hold at least {@code count} points; all their points. */
    static List<Point> await(TopicReader reader, Predicate<ConsumerRecord<String, String>> match, int count,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int records = 1;
        while (true) {
            List<ConsumerRecord<String, String>> matching = reader.await(match, records,
                    Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            List<Point> points = points(matching);
            if (points.size() >= count) {
                return points;
            }
            records = matching.size() + 1;
        }
    }
}
