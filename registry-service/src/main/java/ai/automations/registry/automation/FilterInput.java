package ai.automations.registry.automation;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import ai.automations.common.automation.EventFilter.Aggregation;
import ai.automations.common.automation.EventFilter.ChangeDirection;
import ai.automations.common.automation.EventFilter.ChangeType;
import ai.automations.common.validation.Finite;
import ai.automations.common.validation.Re2jRegex;

/**
 * An automation's {@code event.filter} as a client writes it, with each field's own rules (user regexes compile
 * under RE2, windows are 1 to 10,000 values, ...). Which fields go with which event type, which of them are required
 * and what they default to is {@link AutomationValidator}'s; {@code where} is compiled (and so checked) by it too.
 */
public record FilterInput(
        @Size(max = FilterInput.MAX_REGEX) @Re2jRegex String aliasRegex,
        @Size(max = FilterInput.MAX_REGEX) @Re2jRegex String tagRegex,
        @Size(max = 256) String metric,
        Aggregation agg,
        @Min(value = 1, message = WINDOW) @Max(value = FilterInput.MAX_WINDOW, message = WINDOW) Integer window,
        @Pattern(regexp = ">|>=|<|<=|==|!=", message = "must be one of >, >=, <, <=, ==, !=") String cmp,
        @Finite Double threshold,
        @Min(value = 1, message = WINDOW) @Max(value = FilterInput.MAX_WINDOW, message = WINDOW) Integer currentWindow,
        @Min(value = 1, message = WINDOW) @Max(value = FilterInput.MAX_WINDOW, message = WINDOW) Integer priorWindow,
        ChangeType changeType,
        ChangeDirection changeDir,
        @Positive(message = "must be greater than 0") @Finite Double amount,
        List<String> states,
        @Size(max = FilterInput.MAX_REGEX) @Re2jRegex String runNameRegex,
        @Size(max = 255) String user,
        JsonNode where,
        @Min(value = 1, message = MINUTES) @Max(value = FilterInput.MAX_MINUTES, message = MINUTES) Integer minutes) {

    static final int MAX_REGEX = 1000;
    static final int MAX_WINDOW = 10_000;
    static final String WINDOW = "must be a whole number from 1 to 10000";
    static final int MAX_MINUTES = 1440;
    static final String MINUTES = "must be a whole number of minutes from 1 to 1440";
}
