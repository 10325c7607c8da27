package ai.automations.registry.run;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The points of one history call, column by column (steps in one set of arrays, metric values in another), so that
 * parsing, storing and publishing thousands of values allocates arrays, not an object per value. Steps are kept as
 * given; {@link #order()} is the stable step order in which they are stored and published. A value read from a
 * decimal in the body keeps that decimal's text ({@link #text}), so that publishing it copies the characters instead
 * of formatting the double again (the costliest part of writing the Kafka values).
 */
final class HistoryBatch {

    /** Longest number text kept (a double needs at most 24 characters; longer ones are formatted). */
    private static final int MAX_TEXT = 32;

    private int steps;
    private long[] step;
    private Instant[] timestamp;
    /** Index of each step's first value; a step's values end where the next step's begin. */
    private int[] first;
    private int values;
    private String[] metric;
    private double[] value;
    /** Where each value's text starts in {@link #text}, and its length (0: none kept, the double is formatted). */
    private int[] textStart;
    private int[] textLength;
    private char[] text;
    private int textUsed;

    HistoryBatch(int expectedSteps, int expectedValues) {
        int s = Math.max(1, expectedSteps);
        int v = Math.max(1, expectedValues);
        step = new long[s];
        timestamp = new Instant[s];
        first = new int[s + 1];
        metric = new String[v];
        value = new double[v];
        textStart = new int[v];
        textLength = new int[v];
        text = new char[v * 8];
    }

    /** Opens the next step; its values follow with {@link #add}, its number and time come with {@link #endStep}. */
    void startStep() {
        if (steps == step.length) {
            int n = steps * 2;
            step = Arrays.copyOf(step, n);
            timestamp = Arrays.copyOf(timestamp, n);
            first = Arrays.copyOf(first, n + 1);
        }
        first[steps] = values;
    }

    void add(String name, double v) {
        add(name, v, null, 0, 0);
    }

    /**
     * A value with the JSON number it was read from ({@code length} characters of {@code chars} from
     * {@code offset}), kept when it is finite and short: the published value is then that text, the same number.
     */
    void add(String name, double v, char[] chars, int offset, int length) {
        if (values == metric.length) {
            int n = values * 2;
            metric = Arrays.copyOf(metric, n);
            value = Arrays.copyOf(value, n);
            textStart = Arrays.copyOf(textStart, n);
            textLength = Arrays.copyOf(textLength, n);
        }
        int kept = 0;
        if (chars != null && length > 0 && length <= MAX_TEXT && Double.isFinite(v)) {
            if (textUsed + length > text.length) {
                text = Arrays.copyOf(text, Math.max(text.length * 2, textUsed + length));
            }
            System.arraycopy(chars, offset, text, textUsed, length);
            textStart[values] = textUsed;
            textUsed += length;
            kept = length;
        }
        textLength[values] = kept;
        metric[values] = name;
        value[values++] = v;
    }

    void endStep(long number, Instant at) {
        step[steps] = number;
        timestamp[steps++] = at;
        first[steps] = values;
    }

    /** Whether the open step already has a value of {@code name}. */
    boolean openStepHas(String name) {
        for (int i = first[steps]; i < values; i++) {
            if (metric[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    int openStepValues() {
        return values - first[steps];
    }

    int steps() {
        return steps;
    }

    int values() {
        return values;
    }

    long step(int s) {
        return step[s];
    }

    Instant timestamp(int s) {
        return timestamp[s];
    }

    int firstValue(int s) {
        return first[s];
    }

    int endValue(int s) {
        return first[s + 1];
    }

    String metric(int v) {
        return metric[v];
    }

    double value(int v) {
        return value[v];
    }

    /** The characters the values' texts are kept in. */
    char[] text() {
        return text;
    }

    int textStart(int v) {
        return textStart[v];
    }

    /** The length of value {@code v}'s text in {@link #text()}; 0 when none is kept. */
    int textLength(int v) {
        return textLength[v];
    }

    /** The steps' indexes by step number, those of one number in the order given. */
    int[] order() {
        int[] order = new int[steps];
        boolean sorted = true;
        for (int s = 0; s < steps; s++) {
            order[s] = s;
            sorted &= s == 0 || step[s - 1] <= step[s];
        }
        if (!sorted) {
            // a stream of an ordered source sorts stably: steps of one number keep the order given
            order = Arrays.stream(order).boxed().sorted(Comparator.comparingLong(s -> step[s]))
                    .mapToInt(Integer::intValue).toArray();
        }
        return order;
    }

    /**
     * The stored form, steps in {@code order}: by step (one step number and time per step, the names once, the
     * values a steps × names matrix) when every step logs the same metrics, else value by value; either way a later
     * value of a (metric, step) wins when read back.
     */
    RunHistoryRepository.Columns columns(int[] order) {
        RunHistoryRepository.Columns byStep = byStep(order);
        return byStep != null ? byStep : byValue(order);
    }

    /** The by-step form, or null when the steps do not all log the same metrics. */
    private RunHistoryRepository.Columns byStep(int[] order) {
        int width = steps == 0 ? 0 : first[1] - first[0];
        if (width == 0 || width * steps != values) {
            return null;
        }
        String[] names = Arrays.copyOf(metric, width);
        Map<String, Integer> columns = new HashMap<>(width * 2);
        for (int k = 0; k < width; k++) {
            columns.put(names[k], k);
        }
        Long[] numbers = new Long[steps];
        OffsetDateTime[] times = new OffsetDateTime[steps];
        Double[] matrix = new Double[values];
        int row = 0;
        for (int s : order) {
            if (first[s + 1] - first[s] != width) {
                return null;
            }
            numbers[row] = step[s];
            times[row] = OffsetDateTime.ofInstant(timestamp[s], ZoneOffset.UTC);
            int base = row * width;
            for (int v = first[s]; v < first[s + 1]; v++) {
                int k = v - first[s];
                if (!names[k].equals(metric[v])) {
                    Integer column = columns.get(metric[v]);
                    if (column == null) {
                        return null;
                    }
                    k = column;
                }
                if (matrix[base + k] != null) {
                    return null;
                }
                matrix[base + k] = value[v];
            }
            row++;
        }
        return new RunHistoryRepository.Columns(names, numbers, matrix, times, width);
    }

    /** The value-by-value form: each value with its metric, step and time. */
    private RunHistoryRepository.Columns byValue(int[] order) {
        String[] metrics = new String[values];
        Long[] steps = new Long[values];
        Double[] vals = new Double[values];
        OffsetDateTime[] times = new OffsetDateTime[values];
        int k = 0;
        for (int s : order) {
            Long number = step[s];
            OffsetDateTime at = OffsetDateTime.ofInstant(timestamp[s], ZoneOffset.UTC);
            for (int v = first[s]; v < first[s + 1]; v++, k++) {
                metrics[k] = metric[v];
                steps[k] = number;
                vals[k] = value[v];
                times[k] = at;
            }
        }
        return new RunHistoryRepository.Columns(metrics, steps, vals, times, null);
    }
}
