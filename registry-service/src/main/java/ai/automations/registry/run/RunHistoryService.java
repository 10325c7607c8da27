package ai.automations.registry.run;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.error.ApiException;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.common.event.Topics;
import ai.automations.common.kafka.KafkaBatchSender;
import ai.automations.common.tracing.KafkaTraces;
import ai.automations.common.tracing.Tracing;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.run.RunViews.HistoryAccepted;
import ai.automations.registry.run.RunViews.RunHistory;
import ai.automations.registry.run.RunViews.RunMetrics;
import ai.automations.registry.support.JsonText;
import ai.automations.registry.support.StrictJson;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A run's logged history: validated whole (a bad point refuses the call and stores or publishes nothing), stored in
 * {@code run_history} (where the history and metrics endpoints read it back), then one record per (metric, step) onto
 * {@code automation.run-metrics}, keyed by run id so that a run's records stay in one partition in the order sent
 * (sorted by step; metrics of a step in the order given). The call is answered once the batch is stored and Kafka has
 * acknowledged every record, so an answered batch is in both; a failed call is retried whole by the client, which
 * the store's upsert makes harmless.
 */
@ApplicationScoped
public class RunHistoryService {

    /** Points (steps) per call. */
    public static final int MAX_POINTS = 10_000;
    /** Metric values per call. */
    public static final int MAX_RECORDS = 200_000;
    /** The outgoing channel whose producer (and configuration) the history uses. */
    public static final String CHANNEL = "run-metrics";

    /** Points per metric a history read returns by default, and at most. */
    public static final int DEFAULT_READ_LIMIT = 1_000;
    public static final int MAX_READ_LIMIT = 10_000;

    private final Tx tx;
    private final RunService runs;
    private final RunHistoryRepository store;
    private final JsonText json;
    private final KafkaBatchSender sender;
    private final StrictJson strict;
    private final InstantSource clock;

    public RunHistoryService(Tx tx, RunService runs, RunHistoryRepository store, JsonText json,
            KafkaBatchSender sender, StrictJson strict, InstantSource clock) {
        this.tx = tx;
        this.runs = runs;
        this.store = store;
        this.json = json;
        this.sender = sender;
        this.strict = strict;
        this.clock = clock;
    }

    /** One logged point: a step and its metric values. */
    record Point(long step, Map<String, Double> metrics, Instant timestamp) {
    }

    /**
     * Validates, stores and publishes one call's points. The run is looked up on the event loop; parsing and
     * serialising thousands of points is CPU work, done on a worker thread.
     */
    public Uni<HistoryAccepted> log(String entity, String project, String runId, JsonNode body) {
        String traceparent = Tracing.currentTraceparent();
        return tx.read(() -> runs.find(entity, project, runId))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(run -> {
                    long start = System.nanoTime();
                    List<Point> points = parse(body, clock.instant());
                    List<String> records = new ArrayList<>();
                    List<String> runTags = runs.tags(run);
                    List<String> tags = runTags.isEmpty() ? null : runTags;
                    for (Point p : points) {
                        p.metrics().forEach((metric, value) -> records.add(json.write(new RunMetricRecord(entity,
                                project, runId, run.name, run.user, metric, p.step(), value, p.timestamp(), tags))));
                    }
                    RunHistoryRepository.Columns columns = columns(points);
                    long prepared = System.nanoTime();
                    return store.upsert(run.id, columns).chain(() -> {
                        long stored = System.nanoTime();
                        return publish(runId, records, traceparent).invoke(() -> Log.debugf(
                                "Run %s/%s/%s: %d records validated and serialised in %.1f ms, stored in %.1f ms, "
                                        + "acknowledged by Kafka in %.1f ms",
                                entity, project, runId, records.size(), (prepared - start) / 1e6,
                                (stored - prepared) / 1e6, (System.nanoTime() - stored) / 1e6));
                    }).replaceWith(new HistoryAccepted(runId, points.size(), records.size()));
                });
    }

    /** The run's points per metric, at most {@code limit} each (evenly spread); all metrics when none is named. */
    public Uni<RunHistory> read(String entity, String project, String runId, List<String> metrics, int limit) {
        List<String> named = metrics == null ? List.of() : metrics.stream().filter(m -> !m.isBlank()).toList();
        return tx.read(() -> runs.find(entity, project, runId)).chain(run -> store.points(run.id, named, limit))
                .map(RunHistory::new);
    }

    /** The run's metrics with their number of points, extremes and last value. */
    public Uni<RunMetrics> metrics(String entity, String project, String runId) {
        return tx.read(() -> runs.find(entity, project, runId)).chain(run -> store.summary(run.id))
                .map(RunMetrics::new);
    }

    /**
     * The stored form of a batch: one row per (metric, step), the last given winning when a call repeats a step (one
     * upsert statement may not touch a row twice). Points arrive sorted by step, so repeats are neighbours.
     */
    static RunHistoryRepository.Columns columns(List<Point> points) {
        List<String> metrics = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<OffsetDateTime> timestamps = new ArrayList<>();
        int i = 0;
        while (i < points.size()) {
            long step = points.get(i).step();
            Map<String, Point> lastOf = new LinkedHashMap<>();
            for (; i < points.size() && points.get(i).step() == step; i++) {
                Point p = points.get(i);
                p.metrics().keySet().forEach(metric -> lastOf.put(metric, p));
            }
            lastOf.forEach((metric, p) -> {
                metrics.add(metric);
                steps.add(step);
                values.add(p.metrics().get(metric));
                timestamps.add(OffsetDateTime.ofInstant(p.timestamp(), ZoneOffset.UTC));
            });
        }
        return new RunHistoryRepository.Columns(metrics.toArray(String[]::new), steps.toArray(Long[]::new),
                values.toArray(Double[]::new), timestamps.toArray(OffsetDateTime[]::new));
    }

    /** The records carry the history call's {@code traceparent}, so a firing they cause continues its trace. */
    private Uni<Void> publish(String runId, List<String> records, String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        KafkaTraces.add(headers, traceparent);
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
    List<Point> parse(JsonNode body, Instant now) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ApiException.badRequest("A JSON body is required: a point {\"step\",\"metrics\"} or an array of "
                    + "them.", null);
        }
        boolean array = body.isArray();
        int size = array ? body.size() : 1;
        if (size == 0) {
            throw ApiException.badRequest("The history holds no point.", null);
        }
        if (size > MAX_POINTS) {
            throw ApiException.tooLarge("A history call takes at most " + MAX_POINTS + " points; this one has "
                    + size + ".");
        }
        List<Point> points = new ArrayList<>(size);
        int records = 0;
        for (int i = 0; i < size; i++) {
            HistoryPoint p = array ? strict.read(body.get(i), HistoryPoint.class, "[" + i + "]")
                    : strict.read(body, HistoryPoint.class, null);
            records += p.metrics().size();
            if (records > MAX_RECORDS) {
                throw ApiException.tooLarge("A history call takes at most " + MAX_RECORDS + " metric values.");
            }
            points.add(new Point(p.step(), p.metrics(), p.timestamp() == null ? now : p.timestamp()));
        }
        points.sort(Comparator.comparingLong(Point::step));
        return points;
    }
}
