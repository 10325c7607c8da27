package ai.automations.common.automation;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The union of all event filters of the contract; each event type reads its own fields and ignores the rest.
 * registry-service fills defaults before publishing, so consumers never apply defaults themselves. {@code where} is a
 * MongoDB-style expression (see {@code ai.automations.common.where.Where}) every event type takes, ANDed with the
 * shorthand fields ({@code aliasRegex}, {@code tagRegex}, {@code runNameRegex}, {@code user}).
 */
public record EventFilter(
        String aliasRegex,
        String tagRegex,
        String metric,
        Aggregation agg,
        Integer window,
        Comparison cmp,
        Double threshold,
        Integer currentWindow,
        Integer priorWindow,
        ChangeType changeType,
        ChangeDirection changeDir,
        Double amount,
        List<RunState> states,
        String runNameRegex,
        String user,
        JsonNode where,
        Integer minutes) {

    /** Every field but {@code where} and {@code minutes} (RUN_STALLED's only own field). */
    public EventFilter(String aliasRegex, String tagRegex, String metric, Aggregation agg, Integer window,
            Comparison cmp, Double threshold, Integer currentWindow, Integer priorWindow, ChangeType changeType,
            ChangeDirection changeDir, Double amount, List<RunState> states, String runNameRegex, String user) {
        this(aliasRegex, tagRegex, metric, agg, window, cmp, threshold, currentWindow, priorWindow, changeType,
                changeDir, amount, states, runNameRegex, user, null, null);
    }

    /** The same filter with {@code where} set. */
    public EventFilter withWhere(JsonNode expression) {
        return new EventFilter(aliasRegex, tagRegex, metric, agg, window, cmp, threshold, currentWindow, priorWindow,
                changeType, changeDir, amount, states, runNameRegex, user, expression, minutes);
    }

    /** A RUN_STALLED filter. */
    public static EventFilter stalled(Integer minutes, String runNameRegex, String user) {
        return new EventFilter(null, null, null, null, null, null, null, null, null, null, null, null, null,
                runNameRegex, user, null, minutes);
    }

    public static EventFilter empty() {
        return new EventFilter(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static EventFilter aliasRegex(String regex) {
        return new EventFilter(regex, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** How the values of a window are reduced; {@code LATEST} is the contract's {@code "agg": null}. */
    public enum Aggregation {
        AVERAGE, MIN, MAX, LATEST
    }

    /** Whether a relative or an absolute change is measured. */
    public enum ChangeType {
        RELATIVE, ABSOLUTE
    }

    /** Which direction of change (or z-score sign) counts. */
    public enum ChangeDirection {
        INCREASE, DECREASE, ANY
    }
}
