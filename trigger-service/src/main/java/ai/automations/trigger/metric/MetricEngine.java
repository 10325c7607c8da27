package ai.automations.trigger.metric;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import ai.automations.common.event.RunMetricRecord;
import ai.automations.trigger.definition.AutomationIndex;
import ai.automations.trigger.evaluation.AutomationEvaluator;
import ai.automations.trigger.evaluation.CompiledAutomation;
import ai.automations.trigger.evaluation.MetricRule;
import ai.automations.trigger.evaluation.Trace;

/**
 * Evaluates metric points against the run-metric automations in their scope. A point costs two hash lookups (run,
 * metric) and the rules on that metric that apply to that run: the window caches the rules it resolved from the index
 * (by entity, project and metric) and re-resolves them only when the index or the run's name or user changes, so
 * automations in other projects or on other metrics cost nothing. Keeps no values for metrics nobody watches.
 */
public final class MetricEngine {

    /** What became of a point. */
    public enum Outcome {
        EVALUATED, NOT_WATCHED, STEP_NOT_INCREASING
    }

    private static final CompiledAutomation[] NONE = new CompiledAutomation[0];

    private final long cooldownMillis;

    public MetricEngine(long cooldownMillis) {
        this.cooldownMillis = cooldownMillis;
    }

    /**
     * Adds one point to its window and evaluates the rules that watch it; rules that fire and are not in their quiet
     * time are appended to {@code firings} and marked as fired at {@code now}.
     */
    public Outcome apply(PartitionWindows partition, RunMetricRecord point, AutomationIndex index, long now,
            List<Firing> firings) {
        RunWindows run = partition.find(point.entity(), point.project(), point.runId());
        MetricWindow window;
        if (run == null) {
            CompiledAutomation[] rules = applicable(index.metricRules(point.entity(), point.project(), point.metric()),
                    point.entity(), point.project(), point.runName(), point.user(), point.tags(), point.config(),
                    point.metric());
            if (rules.length == 0) {
                return Outcome.NOT_WATCHED;
            }
            run = new RunWindows(point.runId(), point.entity(), point.project(), point.runName(), point.user());
            run.tags = point.tags();
            run.config = point.config();
            partition.runs.put(run.key, run);
            window = newWindow(partition, run, point.metric(), rules, index.version());
        } else {
            run.update(point.runName(), point.user(), point.tags(), point.config());
            window = run.windows.get(point.metric());
            if (window == null) {
                CompiledAutomation[] rules = applicable(index.metricRules(run.entity, run.project, point.metric()),
                        run.entity, run.project, run.runName, run.user, run.tags, run.config, point.metric());
                if (rules.length == 0) {
                    return Outcome.NOT_WATCHED;
                }
                window = newWindow(partition, run, point.metric(), rules, index.version());
            } else if (window.indexVersion != index.version() || window.runVersion != run.version) {
                if (!refresh(partition, run, window, index)) {
                    return Outcome.NOT_WATCHED;
                }
            }
        }
        run.lastSeen = now;
        if (point.step() <= window.lastStep) {
            return Outcome.STEP_NOT_INCREASING;
        }
        window.lastStep = point.step();
        double logged = point.value();
        // a NaN satisfies no comparison and would poison every aggregate it entered: window rules skip it
        boolean nan = Double.isNaN(logged);
        if (!nan) {
            window.push(logged);
        }
        partition.markDirty(window);
        CompiledAutomation[] rules = window.rules;
        for (int i = 0; i < rules.length; i++) {
            CompiledAutomation rule = rules[i];
            MetricRule metricRule = rule.metricRule();
            double value;
            double[] values;
            if (metricRule.diverged()) {
                if (!MetricRule.divergent(logged)) {
                    continue;
                }
                value = logged;
                values = new double[] { logged };
            } else {
                if (nan) {
                    continue;
                }
                value = AutomationEvaluator.rule(metricRule, window, Trace.OFF);
                if (Double.isNaN(value)) {
                    continue;
                }
                values = null;
            }
            Long last = window.firedAt(rule.id());
            if (AutomationEvaluator.coolingDown(run.runId, last == null ? AutomationEvaluator.NEVER : last, now,
                    cooldownMillis, Trace.OFF)) {
                continue;
            }
            window.markFired(rule.id(), now);
            firings.add(new Firing(rule, window, run.runId, run.entity, run.project, run.runName, run.user,
                    window.metric, point.step(), value, values != null ? values : metricRule.windowValues(window),
                    point.timestamp(), run.tags, run.config));
        }
        return Outcome.EVALUATED;
    }

    /** Drops runs not updated since {@code idleBefore}; returns how many windows went. */
    public int evictIdle(PartitionWindows partition, long idleBefore) {
        int evicted = 0;
        Iterator<Map.Entry<RunWindows.Key, RunWindows>> it = partition.runs.entrySet().iterator();
        while (it.hasNext()) {
            RunWindows run = it.next().getValue();
            if (run.lastSeen < idleBefore) {
                evicted += removeRun(partition, run);
                it.remove();
            }
        }
        return evicted;
    }

    /** Drops the least recently updated runs until at most {@code maxWindows} windows remain. */
    public int evictOldest(PartitionWindows partition, int maxWindows) {
        if (partition.windowCount <= maxWindows) {
            return 0;
        }
        List<RunWindows> runs = new ArrayList<>(partition.runs.values());
        runs.sort((a, b) -> Long.compare(a.lastSeen, b.lastSeen));
        int evicted = 0;
        for (RunWindows run : runs) {
            if (partition.windowCount <= maxWindows) {
                break;
            }
            evicted += removeRun(partition, run);
            partition.runs.remove(run.key);
        }
        return evicted;
    }

    private static int removeRun(PartitionWindows partition, RunWindows run) {
        int count = run.windows.size();
        partition.markRemoved(run);
        run.windows.clear();
        partition.windowCount -= count;
        return count;
    }

    private static MetricWindow newWindow(PartitionWindows partition, RunWindows run, String metric,
            CompiledAutomation[] rules, long indexVersion) {
        MetricWindow window = new MetricWindow(run, metric, capacity(rules));
        window.rules = rules;
        window.indexVersion = indexVersion;
        window.runVersion = run.version;
        run.windows.put(metric, window);
        partition.windowCount++;
        return window;
    }

    /** Re-resolves a window's rules after a definition or run change; drops the window when nothing watches it. */
    private static boolean refresh(PartitionWindows partition, RunWindows run, MetricWindow window, AutomationIndex index) {
        CompiledAutomation[] rules = applicable(index.metricRules(run.entity, run.project, window.metric), run.entity,
                run.project, run.runName, run.user, run.tags, run.config, window.metric);
        if (rules.length == 0) {
            run.windows.remove(window.metric);
            partition.windowCount--;
            partition.markRemoved(run);
            if (run.windows.isEmpty()) {
                partition.runs.remove(run.key);
            }
            return false;
        }
        int capacity = capacity(rules);
        if (capacity > window.capacity()) {
            window.resize(capacity);
        }
        window.rules = rules;
        window.indexVersion = index.version();
        window.runVersion = run.version;
        return true;
    }

    /** The index's candidates that {@link AutomationEvaluator} accepts for this run and metric. */
    private static CompiledAutomation[] applicable(CompiledAutomation[] rules, String entity, String project,
            String runName, String user, List<String> tags, Map<String, Object> config, String metric) {
        if (rules.length == 0) {
            return NONE;
        }
        int accepted = 0;
        CompiledAutomation[] out = new CompiledAutomation[rules.length];
        for (CompiledAutomation rule : rules) {
            if (AutomationEvaluator.runMetric(rule, entity, project, runName, user, tags, config, Trace.OFF)
                    && AutomationEvaluator.watches(rule, metric, Trace.OFF)) {
                out[accepted++] = rule;
            }
        }
        if (accepted == rules.length) {
            return rules;
        }
        CompiledAutomation[] trimmed = new CompiledAutomation[accepted];
        System.arraycopy(out, 0, trimmed, 0, accepted);
        return trimmed;
    }

    private static int capacity(CompiledAutomation[] rules) {
        int capacity = 1;
        for (CompiledAutomation rule : rules) {
            capacity = Math.max(capacity, rule.metricRule().needed());
        }
        return capacity;
    }
}
