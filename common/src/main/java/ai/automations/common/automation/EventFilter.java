package ai.automations.common.automation;

import java.util.List;

/**
 * The union of all event filters of the contract; each event type reads its own fields and ignores the rest.
 * registry-service fills defaults before publishing, so consumers never apply defaults themselves.
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
        Integer minutes) {

    /** Every field but {@code minutes} (RUN_STALLED's only own field). */
    public EventFilter(String aliasRegex, String tagRegex, String metric, Aggregation agg, Integer window,
            Comparison cmp, Double threshold, Integer currentWindow, Integer priorWindow, ChangeType changeType,
            ChangeDirection changeDir, Double amount, List<RunState> states, String runNameRegex, String user) {
        this(aliasRegex, tagRegex, metric, agg, window, cmp, threshold, currentWindow, priorWindow, changeType,
                changeDir, amount, states, runNameRegex, user, null);
    }

    /** A RUN_STALLED filter. */
    public static EventFilter stalled(Integer minutes, String runNameRegex, String user) {
        return new EventFilter(null, null, null, null, null, null, null, null, null, null, null, null, null,
                runNameRegex, user, minutes);
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
