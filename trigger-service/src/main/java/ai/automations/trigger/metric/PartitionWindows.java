package ai.automations.trigger.metric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The window state of one partition of {@code automation.run-metrics}: the state SmallRye's checkpoint commit
 * strategy associates with that partition's offset. It tracks which windows changed since the last checkpoint, so a
 * checkpoint writes only those, and whether a batch is being processed, so a checkpoint never captures windows ahead
 * of the offset it records.
 */
public final class PartitionWindows {

    final int partition;
    final Map<String, RunWindows> runs = new HashMap<>();
    final List<MetricWindow> dirty = new ArrayList<>();
    final List<String[]> removed = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    int windowCount;
    boolean inFlight;

    public PartitionWindows(int partition) {
        this.partition = partition;
    }

    public int partition() {
        return partition;
    }

    public int windowCount() {
        return windowCount;
    }

    public RunWindows run(String runId) {
        return runs.get(runId);
    }

    public void lock() {
        lock.lock();
    }

    public void unlock() {
        lock.unlock();
    }

    /** Whether a batch has changed windows beyond the checkpointed offset and not finished yet. */
    public boolean inFlight() {
        return inFlight;
    }

    public void beginBatch() {
        inFlight = true;
    }

    public void endBatch() {
        inFlight = false;
    }

    void markDirty(MetricWindow window) {
        if (!window.dirty) {
            window.dirty = true;
            dirty.add(window);
        }
    }

    void markRemoved(RunWindows run, MetricWindow window) {
        window.dirty = false;
        removed.add(new String[] { run.runId, window.metric });
    }

    /** The windows changed since the last checkpoint (cleared); {@link #restoreDirty} puts them back on failure. */
    List<MetricWindow> takeDirty() {
        List<MetricWindow> taken = new ArrayList<>(dirty);
        dirty.clear();
        for (MetricWindow w : taken) {
            w.dirty = false;
        }
        return taken;
    }

    List<String[]> takeRemoved() {
        List<String[]> taken = new ArrayList<>(removed);
        removed.clear();
        return taken;
    }

    void restoreDirty(List<MetricWindow> windows, List<String[]> removedKeys) {
        for (MetricWindow w : windows) {
            RunWindows run = runs.get(w.run.runId);
            if (run != null && run.windows.get(w.metric) == w) {
                markDirty(w);
            }
        }
        removed.addAll(removedKeys);
    }
}
