package ai.automations.action.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import ai.automations.action.execution.ExecutionStateMachine.Attempted;
import ai.automations.action.execution.ExecutionStateMachine.NothingToSend;
import ai.automations.action.execution.ExecutionStateMachine.RedeliveryRequested;
import ai.automations.action.execution.ExecutionStateMachine.Skipped;
import ai.automations.action.execution.ExecutionStateMachine.Snapshot;
import ai.automations.action.execution.ExecutionStateMachine.Transition;

class ExecutionStateMachineTest {

    private static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime NOW = CREATED.plusMinutes(3);
    private static final OffsetDateTime RETRY_AT = NOW.plusSeconds(40);

    /** What the schedule was asked, so that the arguments can be checked. */
    private final List<Object> asked = new ArrayList<>();
    private final ExecutionStateMachine withRetries = new ExecutionStateMachine((made, created, now, retryAfter) -> {
        asked.addAll(List.of(made, created, now, retryAfter));
        return Optional.of(RETRY_AT);
    });
    private final ExecutionStateMachine scheduleOver = new ExecutionStateMachine(
            (made, created, now, retryAfter) -> Optional.empty());

    private static Snapshot pending(int scheduledAttempts) {
        return new Snapshot(ExecutionStatus.PENDING, CREATED, false, scheduledAttempts);
    }

    private static Snapshot redelivering() {
        return new Snapshot(ExecutionStatus.PENDING, CREATED, true, 8);
    }

    private static Transition ended(ExecutionStatus status, String reason, boolean deadLetter, boolean disable) {
        return new Transition(status, reason, null, NOW, false, deadLetter, disable);
    }

    @Test
    void aDeletedOrDisabledAutomationSkipsTheExecution() {
        assertThat(withRetries.next(pending(0), new Skipped("the automation was deleted"), NOW))
                .isEqualTo(ended(ExecutionStatus.SKIPPED, "the automation was deleted", false, false));
    }

    @Test
    void aNoOpFinishesWithNothingSent() {
        assertThat(withRetries.next(pending(0), new NothingToSend(), NOW))
                .isEqualTo(ended(ExecutionStatus.FINISHED, null, false, false));
    }

    @Test
    void successFinishes() {
        assertThat(withRetries.next(pending(2), new Attempted(Verdict.success(), null), NOW))
                .isEqualTo(ended(ExecutionStatus.FINISHED, null, false, false));
        assertThat(withRetries.next(redelivering(), new Attempted(Verdict.success(), null), NOW))
                .isEqualTo(ended(ExecutionStatus.FINISHED, null, false, false));
    }

    @Test
    void aRetryableFailureStaysPendingUntilTheScheduledTimeAndCountsThisAttempt() {
        Verdict verdict = Verdict.retry("HTTP 503", Optional.of(Duration.ofSeconds(30)));
        assertThat(withRetries.next(pending(2), new Attempted(verdict, "HTTP 503"), NOW))
                .isEqualTo(new Transition(ExecutionStatus.PENDING, "HTTP 503", RETRY_AT, null, false, false, false));
        assertThat(asked).containsExactly(3, CREATED, NOW, Optional.of(Duration.ofSeconds(30)));
    }

    @Test
    void aRetryableFailureAfterTheLastScheduledAttemptFailsWithADeadLetter() {
        Verdict verdict = Verdict.retry("HTTP 500", Optional.empty());
        assertThat(scheduleOver.next(pending(3), new Attempted(verdict, "HTTP 500"), NOW))
                .isEqualTo(ended(ExecutionStatus.FAILED, "gave up after 4 attempts: HTTP 500", true, false));
    }

    @Test
    void aRetryableFailureOfARedeliveryFailsAtOnceWithoutADeadLetter() {
        Verdict verdict = Verdict.retry("timeout", Optional.empty());
        assertThat(withRetries.next(redelivering(), new Attempted(verdict, "timeout"), NOW))
                .isEqualTo(ended(ExecutionStatus.FAILED, "redelivery failed: timeout", false, false));
        assertThat(asked).as("the retry schedule is not asked for a redelivery").isEmpty();
    }

    @Test
    void aPermanentFailureFailsAtOnceWithADeadLetterUnlessItWasARedelivery() {
        assertThat(withRetries.next(pending(0), new Attempted(Verdict.fail("HTTP 400"), "HTTP 400"), NOW))
                .isEqualTo(ended(ExecutionStatus.FAILED, "HTTP 400", true, false));
        assertThat(withRetries.next(redelivering(), new Attempted(Verdict.fail("HTTP 400"), "HTTP 400"), NOW))
                .isEqualTo(ended(ExecutionStatus.FAILED, "HTTP 400", false, false));
        assertThat(asked).isEmpty();
    }

    @Test
    void goneFailsAndDisablesTheIntegrationEvenOnARedelivery() {
        assertThat(withRetries.next(pending(1), new Attempted(Verdict.gone("HTTP 410"), "HTTP 410"), NOW))
                .isEqualTo(ended(ExecutionStatus.FAILED, "HTTP 410", true, true));
        assertThat(withRetries.next(redelivering(), new Attempted(Verdict.gone("HTTP 410"), "HTTP 410"), NOW))
                .isEqualTo(ended(ExecutionStatus.FAILED, "HTTP 410", false, true));
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"FINISHED", "FAILED", "SKIPPED"})
    void anEndedExecutionCanBeRedeliveredOnceNow(ExecutionStatus status) {
        Snapshot ended = new Snapshot(status, CREATED, false, 4);
        assertThat(ExecutionStateMachine.canRedeliver(status)).isTrue();
        assertThat(withRetries.next(ended, new RedeliveryRequested(), NOW))
                .isEqualTo(new Transition(ExecutionStatus.PENDING, null, NOW, null, true, false, false));
    }

    @Test
    void aPendingExecutionCannotBeRedelivered() {
        assertThat(ExecutionStateMachine.canRedeliver(ExecutionStatus.PENDING)).isFalse();
        assertThatThrownBy(() -> withRetries.next(pending(1), new RedeliveryRequested(), NOW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAPendingExecutionIsAttempted() {
        for (ExecutionStatus status : EnumSet.of(ExecutionStatus.FINISHED, ExecutionStatus.FAILED,
                ExecutionStatus.SKIPPED)) {
            Snapshot ended = new Snapshot(status, CREATED, false, 1);
            for (ExecutionStateMachine.Event event : List.of(new Skipped("x"), new NothingToSend(),
                    new Attempted(Verdict.success(), null))) {
                assertThatThrownBy(() -> withRetries.next(ended, event, NOW)).as(status + " " + event)
                        .isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void theSnapshotCountsOnlyScheduledAttempts() {
        Execution execution = new Execution();
        execution.status = ExecutionStatus.PENDING;
        execution.createdAt = CREATED;
        execution.redelivery = true;
        execution.attempts = List.of(new Attempt(CREATED, 500, "HTTP 500", 5, null, false),
                new Attempt(CREATED, 500, "HTTP 500", 5, null, false),
                new Attempt(CREATED, 500, "HTTP 500", 5, null, true));
        assertThat(Snapshot.of(execution)).isEqualTo(new Snapshot(ExecutionStatus.PENDING, CREATED, true, 2));
    }

    @Test
    void aTransitionIsWrittenOntoTheExecution() {
        Execution execution = new Execution();
        execution.status = ExecutionStatus.PENDING;
        execution.redelivery = true;
        execution.nextAttemptAt = CREATED;
        new Transition(ExecutionStatus.FAILED, "HTTP 410", null, NOW, false, true, true).applyTo(execution);
        assertThat(execution.status).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.reason).isEqualTo("HTTP 410");
        assertThat(execution.nextAttemptAt).isNull();
        assertThat(execution.finishedAt).isEqualTo(NOW);
        assertThat(execution.redelivery).isFalse();
        assertThat(execution.dlqPending).isTrue();
    }
}
