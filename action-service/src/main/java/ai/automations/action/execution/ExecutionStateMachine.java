package ai.automations.action.execution;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The lifecycle of an execution as pure rules, so that every transition can be tested without a database, Kafka or
 * HTTP. From PENDING an attempt (or the check before it) leads to FINISHED, SKIPPED, FAILED (with or without a dead
 * letter) or back to PENDING with the next retry; a 410 also disables the integration. A finished, failed or skipped
 * execution can only go back to PENDING through a redelivery, which gets one attempt and never a dead letter.
 */
@ApplicationScoped
public class ExecutionStateMachine {

    /** What the rules read of an execution before the event. */
    public record Snapshot(ExecutionStatus status, OffsetDateTime createdAt, boolean redelivery, int scheduledAttempts) {

        /** {@code scheduledAttempts}: the attempts made so far on the retry schedule (redeliveries not counted). */
        public static Snapshot of(Execution execution) {
            int scheduled = (int) execution.attempts.stream().filter(a -> !a.redelivery()).count();
            return new Snapshot(execution.status, execution.createdAt, execution.redelivery, scheduled);
        }
    }

    /** What happened to an execution. */
    public sealed interface Event {
    }

    /** The automation was deleted or disabled before the execution: nothing is sent. */
    public record Skipped(String reason) implements Event {
    }

    /** A NO_OP action: there is nothing to send. */
    public record NothingToSend() implements Event {
    }

    /** An attempt ended (or could not start) with {@code verdict}; {@code error} is what is recorded as the reason. */
    public record Attempted(Verdict verdict, String error) implements Event {
    }

    /** A user asked for one more attempt. */
    public record RedeliveryRequested() implements Event {
    }

    /** Where the execution goes, and what has to happen because of it. */
    public record Transition(ExecutionStatus status, String reason, OffsetDateTime nextAttemptAt,
            OffsetDateTime finishedAt, boolean redelivery, boolean deadLetter, boolean disableIntegration) {

        /** Writes the new state onto {@code execution} (lease and attempts are not the state machine's). */
        public void applyTo(Execution execution) {
            execution.status = status;
            execution.reason = reason;
            execution.nextAttemptAt = nextAttemptAt;
            execution.finishedAt = finishedAt;
            execution.redelivery = redelivery;
            execution.dlqPending = deadLetter;
        }
    }

    private final RetrySchedule retries;

    public ExecutionStateMachine(RetrySchedule retries) {
        this.retries = retries;
    }

    /** Whether an execution in {@code status} may be redelivered (it must have come to an end first). */
    public static boolean canRedeliver(ExecutionStatus status) {
        return status != ExecutionStatus.PENDING;
    }

    /** The state after {@code event}; IllegalStateException when the event cannot happen in that state. */
    public Transition next(Snapshot before, Event event, OffsetDateTime now) {
        if (event instanceof RedeliveryRequested) {
            if (!canRedeliver(before.status())) {
                throw new IllegalStateException("a pending execution cannot be redelivered");
            }
            return new Transition(ExecutionStatus.PENDING, null, now, null, true, false, false);
        }
        if (before.status() != ExecutionStatus.PENDING) {
            throw new IllegalStateException("only a pending execution is attempted, not a " + before.status() + " one");
        }
        if (event instanceof Skipped skipped) {
            return finish(ExecutionStatus.SKIPPED, skipped.reason(), now);
        }
        if (event instanceof NothingToSend) {
            return finish(ExecutionStatus.FINISHED, null, now);
        }
        Attempted attempted = (Attempted) event;
        return afterAttempt(before, attempted.verdict(), attempted.error(), now);
    }

    private Transition afterAttempt(Snapshot before, Verdict verdict, String error, OffsetDateTime now) {
        return switch (verdict.kind()) {
            case SUCCESS -> finish(ExecutionStatus.FINISHED, null, now);
            case FAIL -> fail(error, !before.redelivery(), false, now);
            case GONE -> fail(error, !before.redelivery(), true, now);
            case RETRY -> {
                if (before.redelivery()) {
                    yield fail("redelivery failed: " + error, false, false, now);
                }
                int scheduled = before.scheduledAttempts() + 1;
                yield retries.next(scheduled, before.createdAt(), now, verdict.retryAfter())
                        .map(at -> new Transition(ExecutionStatus.PENDING, error, at, null, false, false, false))
                        .orElseGet(() -> fail("gave up after " + scheduled + " attempts: " + error, true, false, now));
            }
        };
    }

    private static Transition finish(ExecutionStatus status, String reason, OffsetDateTime now) {
        return new Transition(status, reason, null, now, false, false, false);
    }

    private static Transition fail(String reason, boolean deadLetter, boolean disableIntegration, OffsetDateTime now) {
        return new Transition(ExecutionStatus.FAILED, reason, null, now, false, deadLetter, disableIntegration);
    }
}
