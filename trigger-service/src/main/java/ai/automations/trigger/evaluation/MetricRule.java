package ai.automations.trigger.evaluation;

import java.util.Locale;

import ai.automations.common.automation.AutomationDefaults;
import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.automation.EventFilter.ChangeDirection;
import ai.automations.common.automation.EventFilter.ChangeType;
import ai.automations.common.event.EventType;

/**
 * A compiled run-metric condition: threshold on an aggregate of the last {@code window} values, change of the current
 * window against the non-overlapping prior window, or z-score of the latest value against the window before it. A
 * rule is evaluated only when the run holds enough values ({@link #needed()}).
 */
public final class MetricRule {

    private final EventType type;
    private final String metric;
    private final Aggregation agg;
    private final int window;
    private final Comparison cmp;
    private final double threshold;
    private final int currentWindow;
    private final int priorWindow;
    private final ChangeType changeType;
    private final ChangeDirection direction;
    private final double amount;
    private final int needed;

    private MetricRule(EventType type, String metric, Aggregation agg, int window, Comparison cmp, double threshold,
            int currentWindow, int priorWindow, ChangeType changeType, ChangeDirection direction, double amount) {
        this.type = type;
        this.metric = metric;
        this.agg = agg;
        this.window = window;
        this.cmp = cmp;
        this.threshold = threshold;
        this.currentWindow = currentWindow;
        this.priorWindow = priorWindow;
        this.changeType = changeType;
        this.direction = direction;
        this.amount = amount;
        this.needed = switch (type) {
            case RUN_METRIC_THRESHOLD -> agg == Aggregation.LATEST ? 1 : window;
            case RUN_METRIC_CHANGE -> currentWindow + priorWindow;
            case RUN_METRIC_DIVERGED -> 1;
            default -> window + 1;
        };
    }

    /**
     * Compiles the filter of a run-metric automation as stored. Absent fields take the contract's defaults from
     * {@link AutomationDefaults} (registry-service has filled them in already); a missing metric, comparison,
     * threshold, amount or change direction makes the rule invalid.
     */
    public static MetricRule of(EventType type, EventFilter filter) {
        EventFilter f = AutomationDefaults.filter(type, filter);
        if (f.metric() == null || f.metric().isBlank()) {
            throw new IllegalArgumentException("filter.metric is required");
        }
        switch (type) {
            case RUN_METRIC_THRESHOLD -> {
                if (f.cmp() == null || f.threshold() == null) {
                    throw new IllegalArgumentException("filter.cmp and filter.threshold are required");
                }
                return new MetricRule(type, f.metric(), f.agg(), positive(f.window(), "window"), f.cmp(),
                        f.threshold(), 0, 0, null, null, 0);
            }
            case RUN_METRIC_CHANGE -> {
                if (f.amount() == null || !(f.amount() > 0)) {
                    throw new IllegalArgumentException("filter.amount must be greater than 0");
                }
                if (f.changeDir() == null) {
                    throw new IllegalArgumentException("filter.changeDir is required");
                }
                return new MetricRule(type, f.metric(), f.agg(), 0, null, 0, positive(f.currentWindow(),
                        "currentWindow"), positive(f.priorWindow(), "priorWindow"), f.changeType(), f.changeDir(),
                        f.amount());
            }
            case RUN_METRIC_ZSCORE -> {
                if (!(f.threshold() > 0)) {
                    throw new IllegalArgumentException("filter.threshold must be greater than 0");
                }
                return new MetricRule(type, f.metric(), null, positive(f.window(), "window"), null, f.threshold(),
                        0, 0, null, f.changeDir(), 0);
            }
            case RUN_METRIC_DIVERGED -> {
                return new MetricRule(type, f.metric(), null, 0, null, 0, 0, 0, null, null, 0);
            }
            default -> throw new IllegalArgumentException(type + " is not a run-metric event");
        }
    }

    /** A RUN_METRIC_DIVERGED rule: it looks at each point's own value (NaN or ±Infinity), never at a window. */
    public boolean diverged() {
        return type == EventType.RUN_METRIC_DIVERGED;
    }

    /** Whether the rule watches every metric of a run ({@code "*"}, RUN_METRIC_DIVERGED only). */
    public boolean watchesEveryMetric() {
        return type == EventType.RUN_METRIC_DIVERGED && AutomationDefaults.ANY_METRIC.equals(metric);
    }

    /** Whether a point's value makes a RUN_METRIC_DIVERGED rule fire: NaN, +Infinity or -Infinity. */
    public static boolean divergent(double value) {
        return !Double.isFinite(value);
    }

    /** The dry-run sentence of a RUN_METRIC_DIVERGED rule on one value of the metric {@code logged}. */
    public String explainDiverged(String logged, double value) {
        return divergent(value)
                ? "condition met: '" + logged + "' logged " + format(value) + ", which is not a finite number"
                : "condition not met: '" + logged + "' logged " + format(value) + ", a finite number (it fires on "
                        + "NaN, Infinity and -Infinity only)";
    }

    public EventType type() {
        return type;
    }

    public String metric() {
        return metric;
    }

    /** How many of the most recent values the rule reads: its windows must be full before it is evaluated. */
    public int needed() {
        return needed;
    }

    /**
     * Evaluates the rule against a run's most recent values. Returns the value that decided when the rule fires (the
     * aggregate for a threshold, the change for a change rule, the latest value for a z-score), NaN otherwise.
     * Comparisons are IEEE's: a NaN satisfies none (live matching never puts a NaN point into a window, see
     * {@code MetricEngine}); ±Infinity compares as the largest/smallest number, and an aggregate, change or z-score
     * that comes out NaN (∞ − ∞, a deviation of ∞) never satisfies a rule. RUN_METRIC_DIVERGED is not a window rule
     * ({@link #diverged()}): it never fires here.
     */
    public double evaluate(RecentValues values) {
        if (type == EventType.RUN_METRIC_DIVERGED || values.size() < needed) {
            return Double.NaN;
        }
        switch (type) {
            case RUN_METRIC_THRESHOLD -> {
                double value = aggregate(values, 0, agg == Aggregation.LATEST ? 1 : window, agg);
                return !Double.isNaN(value) && cmp.test(value, threshold) ? value : Double.NaN;
            }
            case RUN_METRIC_CHANGE -> {
                double change = change(values);
                return !Double.isNaN(change) && directionHolds(change, amount) ? change : Double.NaN;
            }
            default -> {
                double z = zScore(values);
                return !Double.isNaN(z) && directionHolds(z, threshold) ? values.recent(0) : Double.NaN;
            }
        }
    }

    /** A sentence on why the rule does or does not fire on these values, for dry-runs. */
    public String explain(RecentValues values) {
        if (type == EventType.RUN_METRIC_DIVERGED) {
            return values.size() == 0 ? "window not full: no value of '" + metric + "'"
                    : explainDiverged(metric, values.recent(0));
        }
        if (values.size() < needed) {
            return "window not full: " + type.name() + " on '" + metric + "' needs " + needed + " values, the run has "
                    + values.size();
        }
        boolean fires = !Double.isNaN(evaluate(values));
        String verdict = fires ? "condition met: " : "condition not met: ";
        return switch (type) {
            case RUN_METRIC_THRESHOLD -> {
                int n = agg == Aggregation.LATEST ? 1 : window;
                double value = aggregate(values, 0, n, agg);
                yield verdict + aggName() + " of the last " + n + " value(s) of '" + metric + "' is " + format(value)
                        + ", rule is " + cmp.symbol() + " " + format(threshold)
                        + (Double.isNaN(value) ? " (NaN satisfies no comparison)" : "");
            }
            case RUN_METRIC_CHANGE -> {
                double change = change(values);
                yield Double.isNaN(change) && !finite(values)
                        ? verdict + "the windows hold Infinity or -Infinity and the change of '" + metric
                                + "' is NaN (IEEE: Infinity - Infinity), which satisfies no rule"
                        : Double.isNaN(change)
                        ? verdict + "the prior window's " + aggName() + " is 0, so a relative change is undefined"
                        : verdict + changeType.name().toLowerCase(Locale.ROOT) + " change of '" + metric + "' is "
                                + format(change) + " (current " + currentWindow + " vs prior " + priorWindow
                                + " values), rule is " + direction + " by at least " + format(amount);
            }
            default -> {
                double z = zScore(values);
                yield Double.isNaN(z) && !finite(values)
                        ? verdict + "the values of '" + metric + "' hold Infinity or -Infinity, so the z-score is NaN "
                                + "(IEEE), which satisfies no rule"
                        : Double.isNaN(z)
                        ? verdict + "the " + window + " values before the latest of '" + metric
                                + "' have zero standard deviation"
                        : verdict + "z-score of the latest value of '" + metric + "' is " + format(z) + ", rule is "
                                + direction + " beyond " + format(threshold);
            }
        };
    }

    /** The values the rule read, oldest first, as carried by the event it fires. */
    public double[] windowValues(RecentValues values) {
        return values.chronological(0, Math.min(needed, values.size()));
    }

    /** Whether the values the rule reads are all finite. */
    private boolean finite(RecentValues values) {
        for (int i = 0; i < Math.min(needed, values.size()); i++) {
            if (!Double.isFinite(values.recent(i))) {
                return false;
            }
        }
        return true;
    }

    private double change(RecentValues values) {
        double current = aggregate(values, 0, currentWindow, agg);
        double prior = aggregate(values, currentWindow, priorWindow, agg);
        if (changeType == ChangeType.ABSOLUTE) {
            return current - prior;
        }
        return prior == 0 ? Double.NaN : (current - prior) / Math.abs(prior);
    }

    /** Population z-score of the latest value against the {@code window} values before it; NaN on zero deviation. */
    private double zScore(RecentValues values) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 1; i <= window; i++) {
            double v = values.recent(i);
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min == max) {
            return Double.NaN;
        }
        double mean = sum / window;
        double squares = 0;
        for (int i = 1; i <= window; i++) {
            double d = values.recent(i) - mean;
            squares += d * d;
        }
        double deviation = Math.sqrt(squares / window);
        return deviation > 0 ? (values.recent(0) - mean) / deviation : Double.NaN;
    }

    private boolean directionHolds(double signed, double limit) {
        return switch (direction) {
            case INCREASE -> signed >= limit;
            case DECREASE -> -signed >= limit;
            case ANY -> Math.abs(signed) >= limit;
        };
    }

    private static double aggregate(RecentValues values, int from, int count, Aggregation agg) {
        switch (agg) {
            case LATEST -> {
                return values.recent(from);
            }
            case MIN -> {
                double min = Double.POSITIVE_INFINITY;
                for (int i = from; i < from + count; i++) {
                    min = Math.min(min, values.recent(i));
                }
                return min;
            }
            case MAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = from; i < from + count; i++) {
                    max = Math.max(max, values.recent(i));
                }
                return max;
            }
            default -> {
                double sum = 0;
                for (int i = from; i < from + count; i++) {
                    sum += values.recent(i);
                }
                return sum / count;
            }
        }
    }

    private String aggName() {
        return agg == Aggregation.LATEST ? "latest" : agg.name().toLowerCase(Locale.ROOT);
    }

    private static String format(double value) {
        return Double.toString(value);
    }

    private static int positive(int value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException("filter." + field + " must be greater than 0");
        }
        return value;
    }
}
