package ai.automations.action.send;

import java.time.Instant;

import ai.automations.action.execution.Verdict;
import ai.automations.action.outbound.CallResult;

/** How an integration's answer is read: plain HTTP status for webhooks, Slack's {@code ok} field for its Web API. */
@FunctionalInterface
public interface AnswerReader {

    /** The verdict on {@code result}; {@code now} dates a {@code Retry-After} given as an HTTP date. */
    Verdict read(CallResult result, Instant now);
}
