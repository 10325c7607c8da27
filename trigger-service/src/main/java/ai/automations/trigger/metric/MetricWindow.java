package ai.automations.trigger.metric;

import java.util.HashMap;
import java.util.Map;

import ai.automations.trigger.evaluation.CompiledAutomation;
import ai.automations.trigger.evaluation.RecentValues;

/**
 * The most recent values of one metric of one run, as many as the largest window among the automations that watch
 * it (a ring buffer, so memory stays bounded), with the last step seen and when each of those automations last fired
 * for the run (a cache of the persisted 24-hour rule).
 */
public final class MetricWindow implements RecentValues {

    final RunWindows run;
    final String metric;
    double[] ring;
    int head;
    int size;
    long lastStep = Long.MIN_VALUE;
    CompiledAutomation[] rules;
    long indexVersion = -1;
    int runVersion = -1;
    Map<String, Long> firedAt;

    MetricWindow(RunWindows run, String metric, int capacity) {
        this.run = run;
        this.metric = metric;
        this.ring = new double[Math.max(1, capacity)];
    }

    public String metric() {
        return metric;
    }

    public RunWindows run() {
        return run;
    }

    public long lastStep() {
        return lastStep;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public double recent(int i) {
        int index = head - 1 - i;
        return ring[index < 0 ? index + ring.length : index];
    }

    public int capacity() {
        return ring.length;
    }

    void push(double value) {
        ring[head] = value;
        head = head + 1 == ring.length ? 0 : head + 1;
        if (size < ring.length) {
            size++;
        }
    }

    /** Changes the capacity, keeping the most recent values that fit. */
    void resize(int capacity) {
        int keep = Math.min(size, capacity);
        double[] values = chronological(0, keep);
        ring = new double[Math.max(1, capacity)];
        head = 0;
        size = 0;
        for (double v : values) {
            push(v);
        }
    }

    /** Restores values given oldest first. */
    void load(double[] chronological, long lastStep) {
        for (double v : chronological) {
            push(v);
        }
        this.lastStep = lastStep;
    }

    Long firedAt(String automationId) {
        return firedAt == null ? null : firedAt.get(automationId);
    }

    void markFired(String automationId, long millis) {
        if (firedAt == null) {
            firedAt = new HashMap<>(4);
        }
        firedAt.put(automationId, millis);
    }
}
