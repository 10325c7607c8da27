package ai.automations.trigger.metric;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import ai.automations.common.event.RunMetricRecord;
import ai.automations.common.tracing.KafkaTraces;
import ai.automations.common.vertx.VertxContexts;
import ai.automations.trigger.TriggerMetrics;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.definition.AutomationIndex;
import ai.automations.trigger.stall.StallTracker;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.CheckpointMetadata;
import io.smallrye.reactive.messaging.kafka.commit.ProcessingState;

/**
 * Consumes {@code automation.run-metrics} in batches. For each batch: wait for the index, evaluate every point of
 * every partition this instance owns (a record carries one history call's points, {@link RunMetricPoints}, evaluated
 * in order as if each were a record of its own), publish the firings and record them, and only then advance each partition's
 * checkpointed state to the batch's last offset and acknowledge. A crash at any point resumes from the last
 * checkpoint with the windows as they were there, so every firing is emitted at least once with the same id, and the
 * ledger keeps a replay from emitting it again. Everything that touches a partition's windows runs on the channel's
 * event-loop context (see {@link PartitionWindows}), so no lock is taken while a batch is evaluated.
 */
@ApplicationScoped
public class MetricConsumer {

    /** What a record that is not a metric record stands for: one point that {@code problem} refuses. */
    private static final List<RunMetricRecord> NOT_POINTS = Collections.singletonList(null);

    private final AutomationCatalog catalog;
    private final MetricEngine engine;
    private final FiringPublisher firings;
    private final TriggerMetrics metrics;
    private final InstantSource clock;
    private final LiveWindows live;
    private final StallTracker stalls;

    public MetricConsumer(AutomationCatalog catalog, MetricEngine engine, FiringPublisher firings,
            TriggerMetrics metrics, InstantSource clock, LiveWindows live, StallTracker stalls) {
        this.stalls = stalls;
        this.catalog = catalog;
        this.engine = engine;
        this.firings = firings;
        this.metrics = metrics;
        this.clock = clock;
        this.live = live;
    }

    @Incoming("run-metrics")
    public Uni<Void> consume(KafkaRecordBatch<String, RunMetricPoints> batch) {
        // the catalog may become ready on the definitions reader's thread: evaluate on the channel's context anyway
        return VertxContexts.resumeOnCaller(catalog.awaitReady())
                .chain(() -> process(batch))
                .onItemOrFailure().transformToUni((ok, failure) -> {
                    if (failure != null) {
                        Log.errorf(failure, "Evaluating a batch of %d run-metric records failed", batch.getRecords().size());
                        return Uni.createFrom().completionStage(batch.nack(failure));
                    }
                    return Uni.createFrom().completionStage(batch.ack());
                });
    }

    private Uni<Void> process(KafkaRecordBatch<String, RunMetricPoints> batch) {
        Map<Integer, Slot> slots = slots(batch);
        AutomationIndex index = catalog.index();
        long now = clock.millis();
        long start = System.nanoTime();
        List<Firing> fired = new ArrayList<>();
        Map<Firing, String> traces = new IdentityHashMap<>();
        StallTracker.Collector history = stalls.collector(index);
        int evaluated = 0;
        int outOfOrder = 0;
        for (Slot slot : slots.values()) {
            slot.windows.beginBatch();
        }
        for (KafkaRecord<String, RunMetricPoints> record : batch.getRecords()) {
            Slot slot = slots.get(record.getPartition());
            if (slot == null) {
                continue;
            }
            int firedBefore = fired.size();
            RunMetricPoints points = record.getPayload();
            long offset = record instanceof IncomingKafkaRecord<?, ?> in ? in.getOffset() : -1;
            boolean seen = false;
            for (RunMetricRecord point : points == null ? NOT_POINTS : points.points()) {
                String problem = RunMetricDeserializer.problem(point);
                if (problem != null) {
                    // the points of a record share their run: one bad point means the record is bad
                    metrics.rejected("run-metrics", "invalid");
                    Log.warnf("Ignored the record at %s-%d offset %d: %s", record.getTopic(), record.getPartition(),
                            offset, problem);
                    break;
                }
                if (!seen && offset >= 0) {
                    // every point of a record has the same run and position: the first stands for all
                    history.seen(record.getPartition(), offset, point);
                    seen = true;
                }
                MetricEngine.Outcome outcome = engine.apply(slot.windows, point, index, now, fired);
                evaluated++;
                if (outcome == MetricEngine.Outcome.STEP_NOT_INCREASING) {
                    outOfOrder++;
                }
            }
            if (fired.size() > firedBefore) {
                // what the record's points fired continues the trace of the history call that logged them
                FiringPublisher.traced(traces, fired.subList(firedBefore, fired.size()),
                        KafkaTraces.traceparent(record.getHeaders()));
            }
        }
        metrics.pointsEvaluated(evaluated, System.nanoTime() - start);
        metrics.pointsOutOfOrder(outOfOrder);
        // the broker and the ledger answer on their own threads: the windows are touched again only on this context
        // RUN_STALLED deadlines are stored before the checkpoint moves past the history that armed them
        Uni<Void> armed = history.isEmpty() ? Uni.createFrom().voidItem()
                : VertxContexts.resumeOnCaller(stalls.arm(history, Instant.ofEpochMilli(now)));
        Uni<List<FiringPublisher.Correction>> published = armed.chain(() -> fired.isEmpty()
                ? Uni.createFrom().item(List.<FiringPublisher.Correction>of())
                : VertxContexts.resumeOnCaller(firings.publish(fired, now, traces)));
        return published.invoke(corrections -> {
            for (FiringPublisher.Correction c : corrections) {
                if (c.window().run().windows.get(c.window().metric()) == c.window()) {
                    c.window().markFired(c.automationId(), c.firedAt());
                }
            }
            for (Slot slot : slots.values()) {
                slot.checkpoint.transform(() -> slot.windows, unused -> slot.windows);
                slot.windows.endBatch();
                live.position(slot.windows.partition, slot.checkpoint.getRecordOffset() + 1);
            }
        }).replaceWithVoid();
    }

    /** The checkpointed state of each partition in the batch that this instance still owns. */
    private Map<Integer, Slot> slots(KafkaRecordBatch<String, RunMetricPoints> batch) {
        Map<Integer, Slot> slots = new HashMap<>();
        for (Map.Entry<TopicPartition, KafkaRecord<String, RunMetricPoints>> e : batch.getLatestOffsetRecords().entrySet()) {
            CheckpointMetadata<PartitionWindows> checkpoint = CheckpointMetadata.fromMessage(e.getValue());
            if (checkpoint == null) {
                Log.debugf("Skipping records of %s: partition no longer assigned", e.getKey());
                continue;
            }
            ProcessingState<PartitionWindows> current = checkpoint.getCurrent();
            PartitionWindows windows = current == null || current.getState() == null
                    ? new PartitionWindows(e.getKey().partition())
                    : current.getState();
            live.evaluating(e.getKey().partition(), windows);
            slots.put(e.getKey().partition(), new Slot(checkpoint, windows));
        }
        return slots;
    }

    private record Slot(CheckpointMetadata<PartitionWindows> checkpoint, PartitionWindows windows) {
    }
}
