package ai.automations.registry.run;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.error.ApiException;
import ai.automations.common.event.RunMetricBatch;
import ai.automations.common.event.Topics;
import ai.automations.common.kafka.KafkaBatchSender;
import ai.automations.common.tracing.KafkaTraces;
import ai.automations.common.tracing.Tracing;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.run.RunViews.HistoryAccepted;
import ai.automations.registry.run.RunViews.RunHistory;
import ai.automations.registry.run.RunViews.RunMetrics;
import ai.automations.registry.support.StrictJson;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;

/**
 * A run's logged history: validated whole (a bad point refuses the call and stores or publishes nothing), stored as
 * one chunk in {@code run_history_chunk} (where the history and metrics endpoints read it back, the last value of a
 * (metric, step) winning), and published onto {@code automation.run-metrics} as one {@link RunMetricBatch} record
 * (a few for a very large call), keyed by run id so that a run's points stay in one partition in the order sent
 * (sorted by step; metrics of a step in the order given). The store and the broker are written at once and the call
 * is answered once both hold the batch (committed, acknowledged); a failed call is retried whole by the client, which
 * the read-time last-write-wins makes harmless for the store and the step order makes harmless for the rules.
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

    /** The times {@link #log} notes, from the call's arrival; debug lines name them (the history bench reads them). */
    private static final String[] STAGES = {"arrived", "lookup", "queued", "parsed", "columns", "records", "stored",
            "acked"};

    private final Tx tx;
    private final RunService runs;
    private final RunHistoryRepository store;
    private final HistoryJson json;
    private final KafkaBatchSender sender;
    private final StrictJson strict;
    private final InstantSource clock;
    private final int inlineParseMaxBytes;

    public RunHistoryService(Tx tx, RunService runs, RunHistoryRepository store, HistoryJson json,
            KafkaBatchSender sender, StrictJson strict, InstantSource clock, RunHistoryConfig config) {
        this.inlineParseMaxBytes = config.inlineParseMaxBytes();
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
     * Validates, stores and publishes one call's points. The run is looked up (one statement) while the body is
     * parsed on a worker thread, since parsing and serialising thousands of points is CPU work (a body of a few points,
     * {@link RunHistoryConfig#inlineParseMaxBytes}, on the receiving thread: no hops); the chunk's insert is
     * sent before the Kafka values are written, so the database works while they are. A missing run answers 404
     * before a bad body's 400, as when the lookup came first.
     */
    public Uni<HistoryAccepted> log(String entity, String project, String runId, byte[] body) {
        long[] at = new long[STAGES.length];
        at[0] = System.nanoTime();
        String traceparent = Tracing.currentTraceparent();
        Instant now = clock.instant();
        Uni<Run> lookup = store.run(entity, project, runId).invoke(() -> at[1] = System.nanoTime());
        Uni<Object> parsed = Uni.createFrom().item(() -> {
            at[2] = System.nanoTime();
            try {
                return (Object) parse(body, now);
            } catch (RuntimeException e) {
                return e;
            } finally {
                at[3] = System.nanoTime();
            }
        });
        boolean inline = body.length <= inlineParseMaxBytes;
        Uni<Object> parsing = inline ? parsed : parsed.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return Uni.combine().all().unis(lookup, parsing).asTuple()
                .flatMap(both -> inline ? Uni.createFrom().item(both) : offEventLoop(both))
                .flatMap(both -> {
                    if (both.getItem2() instanceof RuntimeException refused) {
                        throw refused;
                    }
                    Run run = both.getItem1();
                    HistoryBatch batch = (HistoryBatch) both.getItem2();
                    int[] order = batch.order();
                    Uni<Void> stored = store.insert(run.id, batch.columns(order))
                            .invoke(() -> at[6] = System.nanoTime()).memoize().indefinitely();
                    stored.subscribe().with(done -> { }, failed -> { });
                    at[4] = System.nanoTime();
                    List<String> runTags = runs.tags(run);
                    List<byte[]> records = HistoryRecords.write(new HistoryRecords.Run(entity, project, runId,
                            run.name, run.user, runTags.isEmpty() ? null : runTags, run.config), batch, order);
                    at[5] = System.nanoTime();
                    Uni<Void> published = publish(runId, records, traceparent).invoke(() -> at[7] = System.nanoTime());
                    return Uni.combine().all().unis(stored, published).collectFailures()
                            .with((s, p) -> new HistoryAccepted(runId, batch.steps(), batch.values()))
                            .invoke(() -> stages(entity, project, runId, batch.values(), at));
                });
    }

    private static void stages(String entity, String project, String runId, int values, long[] at) {
        if (!Log.isDebugEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder("Run ").append(entity).append('/').append(project).append('/')
                .append(runId).append(": history stages (ms): values=").append(values);
        for (int i = 1; i < at.length; i++) {
            line.append(' ').append(STAGES[i]).append('=')
                    .append(String.format(Locale.ROOT, "%.2f", (at[i] - at[0]) / 1e6));
        }
        line.append(" done=").append(String.format(Locale.ROOT, "%.2f", (System.nanoTime() - at[0]) / 1e6));
        Log.debug(line);
    }

    /** The item on a worker thread: the CPU work after it must not run on the event loop that answered last. */
    private static <T> Uni<T> offEventLoop(T item) {
        Uni<T> now = Uni.createFrom().item(item);
        return Context.isOnEventLoopThread() ? now.emitOn(Infrastructure.getDefaultWorkerPool()) : now;
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

    /** The records carry the history call's {@code traceparent}, so a firing they cause continues its trace. */
    private Uni<Void> publish(String runId, List<byte[]> records, String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        KafkaTraces.add(headers, traceparent);
        List<ProducerRecord<String, byte[]>> batch = records.stream()
                .map(value -> new ProducerRecord<>(Topics.RUN_METRICS, null, runId, value, headers)).toList();
        return sender.send(CHANNEL, batch).map(sent -> {
            if (sent < batch.size()) {
                throw new ApiException(503, "UNAVAILABLE", "The run history could not be published; retry the call "
                        + "(records already sent may be sent twice).", null);
            }
            return null;
        });
    }

    /** The points of one call (received {@code now}), or a 400/413 naming the first bad one. */
    HistoryBatch parse(byte[] body, Instant now) {
        HistoryBatch batch = json.points(body, now);
        return batch != null ? batch : batch(parse(json.read(body), now));
    }

    /** The points read through the tree, which refuses a bad one with the contract's error. */
    private static HistoryBatch batch(List<Point> points) {
        HistoryBatch batch = new HistoryBatch(points.size(), points.size() * 4);
        for (Point p : points) {
            batch.startStep();
            p.metrics().forEach(batch::add);
            batch.endStep(p.step(), p.timestamp());
        }
        return batch;
    }

    /** The points of a body read as a tree, in the order given, or a 400/413 naming the first bad one. */
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
        return points;
    }
}
