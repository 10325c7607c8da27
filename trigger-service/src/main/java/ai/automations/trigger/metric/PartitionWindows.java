package ai.automations.trigger.metric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The window state of one partition of {@code automation.run-metrics}: the state SmallRye's checkpoint commit
 * strategy associates with that partition's offset. Runs fall into {@link #BUCKETS} groups by run id; it tracks which
 * groups changed since the last checkpoint, so a checkpoint rewrites only those, and whether a batch is being
 * processed, so a checkpoint never captures windows ahead of the offset it records.
 *
 * <p>Confined to one thread, without a lock: SmallRye's Kafka source delivers the run-metrics channel's batches on
 * the channel's event-loop context, and its checkpoint commit handler calls the state store (checkpoints, rebalances)
 * on that same context; {@link MetricConsumer} brings the completion of a batch's publishing back onto it. Only the
 * active-windows gauge reads {@link #windowCount()} from elsewhere, which needs no more than a recent value.
 * {@link #confined()} checks the confinement wherever assertions are enabled (the tests).
 */
public final class PartitionWindows {

    /** Windows are checkpointed in this many groups per partition (by run id), rewriting only changed groups. */
    public static final int BUCKETS = 128;

    final int partition;
    /** By (entity, project, run id): two projects' runs with the same id never share windows. */
    final Map<RunWindows.Key, RunWindows> runs = new HashMap<>();
    /**
     * The run of the last point evaluated: a history record's points are all of one run, so most points find their run
     * here without building a key. Cleared whenever a run leaves {@link #runs}.
     */
    RunWindows lastRun;
    private final boolean[] dirty = new boolean[BUCKETS];
    int windowCount;
    boolean inFlight;
    private Thread owner;

    public PartitionWindows(int partition) {
        this.partition = partition;
    }

    public int partition() {
        return partition;
    }

    public int windowCount() {
        return windowCount;
    }

    public RunWindows run(String entity, String project, String runId) {
        return runs.get(new RunWindows.Key(entity, project, runId));
    }

    /** Whether a batch has changed windows beyond the checkpointed offset and not finished yet. */
    public boolean inFlight() {
        return inFlight;
    }

    public void beginBatch() {
        assert confined();
        inFlight = true;
    }

    public void endBatch() {
        assert confined();
        inFlight = false;
    }

    /** Whether the caller runs on the thread that evaluates this partition's batches (the first one to touch it). */
    boolean confined() {
        Thread current = Thread.currentThread();
        if (owner == null) {
            owner = current;
        }
        if (owner != current) {
            throw new IllegalStateException("Windows of partition " + partition + " are evaluated on " + owner.getName()
                    + " but were touched on " + current.getName());
        }
        return true;
    }

    /** The checkpoint group of a run. */
    public static int bucketOf(String runId) {
        return (runId.hashCode() & 0x7fffffff) % BUCKETS;
    }

    void markDirty(MetricWindow window) {
        dirty[window.run.bucket] = true;
    }

    void markRemoved(RunWindows run) {
        dirty[run.bucket] = true;
        lastRun = null;
    }

    /** The run of (entity, project, run id), or null. */
    RunWindows find(String entity, String project, String runId) {
        RunWindows last = lastRun;
        if (last != null && last.runId.equals(runId) && last.project.equals(project) && last.entity.equals(entity)) {
            return last;
        }
        RunWindows found = runs.get(new RunWindows.Key(entity, project, runId));
        if (found != null) {
            lastRun = found;
        }
        return found;
    }

    /** The groups changed since the last checkpoint (cleared); {@link #restoreDirty} puts them back on failure. */
    List<Integer> takeDirty() {
        List<Integer> taken = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
            if (dirty[b]) {
                taken.add(b);
                dirty[b] = false;
            }
        }
        return taken;
    }

    void restoreDirty(List<Integer> buckets) {
        for (int b : buckets) {
            dirty[b] = true;
        }
    }

    /** The runs of the given groups, by group. */
    Map<Integer, List<RunWindows>> runsOf(List<Integer> buckets) {
        Map<Integer, List<RunWindows>> out = new HashMap<>();
        for (int b : buckets) {
            out.put(b, new ArrayList<>());
        }
        for (RunWindows run : runs.values()) {
            List<RunWindows> group = out.get(run.bucket);
            if (group != null) {
                group.add(run);
            }
        }
        return out;
    }
}
