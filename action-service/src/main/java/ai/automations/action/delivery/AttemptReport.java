package ai.automations.action.delivery;

import java.time.OffsetDateTime;

import ai.automations.action.send.SendOutcome;

/** What an attempt came to, handed from {@link AttemptMaker} to {@link AttemptRecorder}. */
sealed interface AttemptReport {

    /** The automation was deleted or disabled: nothing was sent. */
    record Skipped(String reason) implements AttemptReport {
    }

    /** A NO_OP action: there was nothing to send. */
    record NothingToSend() implements AttemptReport {
    }

    /**
     * A send was tried (or could not start, or was withheld because the lease was lost); {@code eventTime} is when the
     * event that caused it happened, when known (for the event-to-delivery latency).
     */
    record Sent(SendOutcome outcome, OffsetDateTime eventTime) implements AttemptReport {
    }
}
