package ai.automations.registry.run;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.error.ApiException;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.common.event.Topics;
import ai.automations.common.kafka.KafkaBatchSender;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.run.RunViews.HistoryAccepted;
import ai.automations.registry.support.JsonText;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A run's logged history: validated whole (a bad point refuses the call and publishes nothing), then one record per
 * (metric, step) onto {@code automation.run-metrics}, keyed by run id so that a run's records stay in one partition
 * in the order sent (sorted by step; metrics of a step in the order given). The call is answered once Kafka has
 * acknowledged every record.
 */
@ApplicationScoped
public class RunHistoryService {

    /** Points (steps) per call. */
    public static final int MAX_POINTS = 10_000;
    /** Metric values per call. */
    public static final int MAX_RECORDS = 200_000;
    /** The outgoing channel whose producer (and configuration) the history uses. */
    public static final String CHANNEL = "run-metrics";
    private static final Set<String> POINT_FIELDS = Set.of("step", "metrics", "timestamp");

    private final Tx tx;
    private final RunService runs;
    private final JsonText json;
    private final KafkaBatchSender sender;
    private final InstantSource clock;

    public RunHistoryService(Tx tx, RunService runs, JsonText json, KafkaBatchSender sender, InstantSource clock) {
        this.tx = tx;
        this.runs = runs;
        this.json = json;
        this.sender = sender;
        this.clock = clock;
    }

    /** One logged point: a step and its metric values. */
    record Point(long step, Map<String, Double> metrics, Instant timestamp) {
    }

    /**
     * Validates and publishes one call's points. The run is looked up on the event loop; parsing and serialising
     * thousands of points is CPU work, done on a worker thread.
     */
    public Uni<HistoryAccepted> log(String entity, String project, String runId, JsonNode body) {
        return tx.read(() -> runs.find(entity, project, runId))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(run -> {
                    long start = System.nanoTime();
                    List<Point> points = parse(body, clock.instant());
                    List<String> records = new ArrayList<>();
                    for (Point p : points) {
                        p.metrics().forEach((metric, value) -> records.add(json.write(new RunMetricRecord(entity,
                                project, runId, run.name, run.user, metric, p.step(), value, p.timestamp()))));
                    }
                    long prepared = System.nanoTime();
                    return publish(runId, records).invoke(() -> Log.debugf(
                            "Run %s/%s/%s: %d records validated and serialised in %.1f ms, acknowledged by Kafka in "
                                    + "%.1f ms",
                            entity, project, runId, records.size(), (prepared - start) / 1e6,
                            (System.nanoTime() - prepared) / 1e6))
                            .replaceWith(new HistoryAccepted(runId, points.size(), records.size()));
                });
    }

    private Uni<Void> publish(String runId, List<String> records) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        List<ProducerRecord<String, String>> batch = records.stream()
                .map(value -> new ProducerRecord<>(Topics.RUN_METRICS, null, runId, value, headers)).toList();
        return sender.send(CHANNEL, batch).map(sent -> {
            if (sent < batch.size()) {
                throw new ApiException(503, "UNAVAILABLE", "The run history could not be published; retry the call "
                        + "(records already sent may be sent twice).", null);
            }
            return null;
        });
    }

    /** The points of one call (received {@code now}), sorted by step (stable), or a 400/413 naming the first bad one. */
    static List<Point> parse(JsonNode body, Instant now) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ApiException.badRequest("A JSON body is required: a point {\"step\",\"metrics\"} or an array of "
                    + "them.", null);
        }
        List<JsonNode> nodes = new ArrayList<>();
        boolean array = body.isArray();
        if (array) {
            body.forEach(nodes::add);
        } else {
            nodes.add(body);
        }
        if (nodes.isEmpty()) {
            throw ApiException.badRequest("The history holds no point.", null);
        }
        if (nodes.size() > MAX_POINTS) {
            throw ApiException.tooLarge("A history call takes at most " + MAX_POINTS + " points; this one has "
                    + nodes.size() + ".");
        }
        List<Point> points = new ArrayList<>(nodes.size());
        int records = 0;
        for (int i = 0; i < nodes.size(); i++) {
            Point p = point(nodes.get(i), array ? "[" + i + "]." : "", now);
            records += p.metrics().size();
            if (records > MAX_RECORDS) {
                throw ApiException.tooLarge("A history call takes at most " + MAX_RECORDS + " metric values.");
            }
            points.add(p);
        }
        points.sort(Comparator.comparingLong(Point::step));
        return points;
    }

    private static Point point(JsonNode node, String prefix, Instant now) {
        if (!node.isObject()) {
            throw ApiException.badRequest("Each point must be a JSON object.", prefix.isEmpty() ? null
                    : prefix.substring(0, prefix.length() - 1));
        }
        Iterator<String> fields = node.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!POINT_FIELDS.contains(field)) {
                throw ApiException.badRequest("'" + prefix + field + "' is not a point field (step, metrics, "
                        + "timestamp).", prefix + field);
            }
        }
        JsonNode step = node.get("step");
        if (step == null || !step.isIntegralNumber() || !step.canConvertToLong() || step.longValue() < 0) {
            throw ApiException.badRequest("'" + prefix + "step' is required: a whole number, 0 or more.",
                    prefix + "step");
        }
        JsonNode metrics = node.get("metrics");
        if (metrics == null || !metrics.isObject() || metrics.isEmpty()) {
            throw ApiException.badRequest("'" + prefix + "metrics' is required: an object of metric names to "
                    + "numbers.", prefix + "metrics");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> m : metrics.properties()) {
            String field = prefix + "metrics." + m.getKey();
            if (m.getKey().isBlank() || m.getKey().length() > 256) {
                throw ApiException.badRequest("Metric names are 1 to 256 characters.", field);
            }
            if (!m.getValue().isNumber() || !Double.isFinite(m.getValue().doubleValue())) {
                throw ApiException.badRequest("'" + field + "' must be a finite number.", field);
            }
            values.put(m.getKey(), m.getValue().doubleValue());
        }
        return new Point(step.longValue(), values, timestamp(node.get("timestamp"), prefix + "timestamp", now));
    }

    /** Unix seconds (fractions allowed) or ISO-8601; the time of the call when absent. */
    private static Instant timestamp(JsonNode node, String field, Instant now) {
        if (node == null || node.isNull()) {
            return now;
        }
        if (node.isNumber() && Double.isFinite(node.doubleValue()) && node.doubleValue() >= 0) {
            double seconds = node.doubleValue();
            long whole = (long) Math.floor(seconds);
            return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.asText());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("'" + field + "' must be unix seconds or an ISO-8601 instant.", field);
            }
        }
        throw ApiException.badRequest("'" + field + "' must be unix seconds or an ISO-8601 instant.", field);
    }
}
