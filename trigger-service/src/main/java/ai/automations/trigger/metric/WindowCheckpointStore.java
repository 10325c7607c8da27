package ai.automations.trigger.metric;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import ai.automations.common.event.Topics;
import ai.automations.common.vertx.VertxContexts;
import ai.automations.trigger.TriggerConfig;
import ai.automations.trigger.TriggerMetrics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.commit.CheckpointStateStore;
import io.smallrye.reactive.messaging.kafka.commit.ProcessingState;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The state store behind SmallRye's checkpoint commit strategy for {@code automation.run-metrics}: per partition, the
 * next offset to read and the windows as they stood after the record before it, written in one PostgreSQL
 * transaction. Windows are stored in {@link PartitionWindows#BUCKETS} groups per partition (by run id) and only the
 * groups with a changed window are rewritten: at most a few hundred rows per checkpoint however many runs are active.
 * A partition whose batch is still being processed (its firings not yet acknowledged by the broker) is left for the
 * next checkpoint, so a checkpoint never runs ahead of what has been emitted. On assignment (start, restart,
 * rebalance) the windows are loaded back and consumption resumes at the checkpointed offset. SmallRye calls the store
 * on the run-metrics channel's context, the one {@link PartitionWindows} are confined to.
 */
@ApplicationScoped
public class WindowCheckpointStore implements CheckpointStateStore {

    private static final int BATCH = 64;

    private final Pool pool;
    private final MetricEngine engine;
    private final TriggerConfig config;
    private final InstantSource clock;
    private final TriggerMetrics metrics;
    private final LiveWindows live;

    public WindowCheckpointStore(Pool pool, MetricEngine engine, TriggerConfig config, InstantSource clock,
            TriggerMetrics metrics, LiveWindows live) {
        this.pool = pool;
        this.engine = engine;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.live = live;
    }

    @Override
    public Uni<Map<TopicPartition, ProcessingState<?>>> fetchProcessingState(Collection<TopicPartition> partitions) {
        List<TopicPartition> ordered = new ArrayList<>(partitions);
        List<Uni<Optional<ProcessingState<PartitionWindows>>>> loads = new ArrayList<>();
        for (TopicPartition tp : ordered) {
            loads.add(load(tp).map(Optional::ofNullable));
        }
        if (loads.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.join().all(loads).andFailFast().map(states -> {
            Map<TopicPartition, ProcessingState<?>> out = new HashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                TopicPartition tp = ordered.get(i);
                states.get(i).ifPresent(state -> {
                    out.put(tp, state);
                    live.assigned(tp.partition(), state.getState());
                    live.position(tp.partition(), state.getOffset());
                });
            }
            return out;
        });
    }

    private Uni<ProcessingState<PartitionWindows>> load(TopicPartition tp) {
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute()
                .chain(() -> conn.preparedQuery(
                        "SELECT next_offset FROM metric_checkpoint WHERE topic = $1 AND partition = $2")
                        .execute(Tuple.of(tp.topic(), tp.partition())))
                .chain(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Uni.createFrom().nullItem();
                    }
                    long offset = it.next().getLong(0);
                    return conn.preparedQuery("SELECT state FROM metric_window_group WHERE topic = $1 AND partition = $2")
                            .execute(Tuple.of(tp.topic(), tp.partition()))
                            .map(groups -> {
                                PartitionWindows p = new PartitionWindows(tp.partition());
                                long now = clock.millis();
                                for (Row row : groups) {
                                    WindowCodec.decodeGroup(p, row.getBuffer(0).getBytes(), now);
                                }
                                Log.infof("Restored %d windows of %s at offset %d", p.windowCount, tp, offset);
                                return new ProcessingState<>(p, offset);
                            });
                }));
    }

    @Override
    public Uni<Void> persistProcessingState(Map<TopicPartition, ProcessingState<?>> states) {
        long now = clock.millis();
        long firedAfter = now - config.cooldown().toMillis();
        List<Write> writes = new ArrayList<>();
        for (Map.Entry<TopicPartition, ProcessingState<?>> e : states.entrySet()) {
            Object state = e.getValue().getState();
            if (!(state instanceof PartitionWindows p)) {
                continue;
            }
            assert p.confined();
            if (p.inFlight()) {
                continue;
            }
            int evicted = engine.evictIdle(p, now - config.windowIdleTimeout().toMillis())
                    + engine.evictOldest(p, config.maxWindows());
            metrics.windowsEvicted(evicted);
            List<Integer> dirty = p.takeDirty();
            List<Tuple> rows = new ArrayList<>(dirty.size());
            for (Map.Entry<Integer, List<RunWindows>> group : p.runsOf(dirty).entrySet()) {
                rows.add(Tuple.tuple().addString(e.getKey().topic()).addInteger(p.partition)
                        .addInteger(group.getKey())
                        .addBuffer(Buffer.buffer(WindowCodec.encodeGroup(group.getValue(), firedAfter))));
            }
            writes.add(new Write(e.getKey(), e.getValue().getOffset(), p, dirty, rows));
        }
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // the windows are confined to the calling (channel) context: come back to it before touching them again
        return VertxContexts.resumeOnCaller(pool.withTransaction(conn -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Write write : writes) {
                chain = chain.chain(() -> write(conn, write));
            }
            return chain;
        })).onFailure().invoke(failure -> {
            if ("Pool closed".equals(failure.getMessage())) {
                Log.info("Final checkpoint skipped: the database pool closed first at shutdown; the next start resumes "
                        + "from the previous checkpoint and evaluates the points after it again");
            } else {
                Log.errorf(failure, "Checkpointing run-metric windows failed; the changes are kept for the next checkpoint");
            }
            for (Write write : writes) {
                write.windows.restoreDirty(write.dirty);
            }
        });
    }

    private static Uni<Void> write(SqlConnection conn, Write write) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<Tuple> part : chunks(write.rows)) {
            chain = chain.chain(() -> conn.preparedQuery("INSERT INTO metric_window_group (topic, partition, grp, state, "
                    + "updated_at) VALUES ($1, $2, $3, $4, now()) ON CONFLICT (topic, partition, grp) DO UPDATE "
                    + "SET state = EXCLUDED.state, updated_at = now()")
                    .executeBatch(part).replaceWithVoid());
        }
        return chain.chain(() -> conn.preparedQuery("INSERT INTO metric_checkpoint (topic, partition, next_offset, "
                + "updated_at) VALUES ($1, $2, $3, now()) ON CONFLICT (topic, partition) DO UPDATE "
                + "SET next_offset = EXCLUDED.next_offset, updated_at = now()")
                .execute(Tuple.of(write.partition.topic(), write.partition.partition(), write.offset)).replaceWithVoid());
    }

    /** The checkpointed window of one run's metric, for dry-runs; empty when none is checkpointed. */
    public Uni<Optional<MetricWindow>> checkpointed(String entity, String project, String runId, String metric) {
        return pool.preparedQuery("SELECT partition, state FROM metric_window_group WHERE topic = $1 AND grp = $2")
                .execute(Tuple.of(Topics.RUN_METRICS, PartitionWindows.bucketOf(runId)))
                .map(rows -> {
                    for (Row row : rows) {
                        PartitionWindows p = new PartitionWindows(row.getInteger(0));
                        WindowCodec.decodeGroup(p, row.getBuffer(1).getBytes(), 0);
                        RunWindows run = p.run(entity, project, runId);
                        if (run != null && run.window(metric) != null) {
                            return Optional.of(run.window(metric));
                        }
                    }
                    return Optional.empty();
                });
    }

    private static List<List<Tuple>> chunks(List<Tuple> tuples) {
        List<List<Tuple>> out = new ArrayList<>();
        for (int i = 0; i < tuples.size(); i += BATCH) {
            out.add(tuples.subList(i, Math.min(tuples.size(), i + BATCH)));
        }
        return out;
    }

    private record Write(TopicPartition partition, long offset, PartitionWindows windows, List<Integer> dirty,
            List<Tuple> rows) {
    }
}
