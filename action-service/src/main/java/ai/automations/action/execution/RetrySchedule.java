package ai.automations.action.execution;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * When a failed execution is tried again. The state machine asks it, so the rules of the lifecycle stay free of
 * configuration and randomness (jitter) and can be tested with a fixed schedule.
 */
@FunctionalInterface
public interface RetrySchedule {

    /** When the next attempt is due after {@code attemptsMade} attempts on schedule failed, or empty: give up. */
    Optional<OffsetDateTime> next(int attemptsMade, OffsetDateTime createdAt, OffsetDateTime now,
            Optional<Duration> retryAfter);
}
