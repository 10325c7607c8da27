package ai.automations.common.automation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * An automation's optional cap on how often it acts: at most {@code max} executions in any {@code perSeconds}-second
 * window of firing times. action-service records the firings over it as SKIPPED executions ({@code rate limited}),
 * so the history shows every firing, acted on or not.
 */
public record RateLimit(
        @NotNull @Min(value = 1, message = RateLimit.MAX_MESSAGE) @Max(value = RateLimit.MAX_MAX,
                message = RateLimit.MAX_MESSAGE) Integer max,
        @NotNull @Min(value = 1, message = RateLimit.PER_SECONDS_MESSAGE) @Max(value = RateLimit.MAX_PER_SECONDS,
                message = RateLimit.PER_SECONDS_MESSAGE) Integer perSeconds) {


    /** The largest {@code max}: the window keeps one timestamp per allowed firing. */
    public static final int MAX_MAX = 1000;
    /** The longest window: a day. */
    public static final int MAX_PER_SECONDS = 86_400;
    /** The reason recorded on a firing over the limit. */
    public static final String REASON = "rate limited";

    static final String MAX_MESSAGE = "must be a whole number from 1 to 1000";
    static final String PER_SECONDS_MESSAGE = "must be a whole number of seconds from 1 to 86400";
}
