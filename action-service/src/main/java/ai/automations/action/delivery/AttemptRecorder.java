package ai.automations.action.delivery;

import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.action.deadletter.DeadLetters;
import ai.automations.action.execution.Attempt;
import ai.automations.action.execution.Execution;
import ai.automations.action.execution.ExecutionRepository;
import ai.automations.action.execution.ExecutionStateMachine;
import ai.automations.action.execution.ExecutionStateMachine.Transition;
import ai.automations.action.execution.ExecutionStatus;
import ai.automations.action.integration.IntegrationDirectory;
import ai.automations.action.send.SendOutcome;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Records what an attempt came to: appends the attempt to the history, moves the execution as the
 * {@link ExecutionStateMachine} says and writes both under the lease, then carries out what the transition asks for
 * (disable the integration on 410, publish the dead letter) and counts it. Everything it writes is already redacted.
 */
@ApplicationScoped
public class AttemptRecorder {

    private final ExecutionRepository executions;
    private final ExecutionStateMachine states;
    private final IntegrationDirectory integrations;
    private final DeadLetters deadLetters;
    private final DeliveryMetrics metrics;
    private final InstantSource clock;

    public AttemptRecorder(ExecutionRepository executions, ExecutionStateMachine states,
            IntegrationDirectory integrations, DeadLetters deadLetters, DeliveryMetrics metrics, InstantSource clock) {
        this.executions = executions;
        this.states = states;
        this.integrations = integrations;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Completes with when the next attempt is due, if one was scheduled. */
    Uni<Optional<OffsetDateTime>> record(Execution execution, UUID token, AttemptReport report) {
        if (report instanceof AttemptReport.Sent sent && sent.outcome().withheld()) {
            Log.infof("Execution %s was taken over by another instance; this attempt was not made", execution.id);
            return Uni.createFrom().item(Optional.empty());
        }
        ExecutionStateMachine.Snapshot before = ExecutionStateMachine.Snapshot.of(execution);
        ExecutionStateMachine.Event event;
        if (report instanceof AttemptReport.Skipped skipped) {
            event = new ExecutionStateMachine.Skipped(skipped.reason());
        } else if (report instanceof AttemptReport.NothingToSend) {
            event = new ExecutionStateMachine.NothingToSend();
        } else {
            SendOutcome outcome = ((AttemptReport.Sent) report).outcome();
            addAttempt(execution, outcome);
            event = new ExecutionStateMachine.Attempted(outcome.verdict(), outcome.error());
        }
        Transition transition = states.next(before, event, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        transition.applyTo(execution);
        return executions.recordAttempt(execution, token).flatMap(recorded -> {
            if (!recorded) {
                Log.infof("Execution %s: lease lost before the attempt was recorded", execution.id);
                return Uni.createFrom().item(Optional.<OffsetDateTime>empty());
            }
            count(execution, report);
            Uni<Void> after = Uni.createFrom().voidItem();
            if (transition.disableIntegration()) {
                after = integrations.disable(execution.entity, execution.integration, "the endpoint answered 410 Gone");
            }
            if (transition.deadLetter()) {
                after = after.flatMap(ignored -> deadLetters.publishFor(execution));
            }
            Optional<OffsetDateTime> next = execution.status == ExecutionStatus.PENDING
                    ? Optional.ofNullable(execution.nextAttemptAt)
                    : Optional.empty();
            return after.replaceWith(next);
        });
    }

    private static void addAttempt(Execution execution, SendOutcome outcome) {
        List<Attempt> attempts = new ArrayList<>(execution.attempts);
        attempts.add(new Attempt(outcome.at(), outcome.statusCode(), outcome.error(), outcome.durationMs(),
                outcome.body(), execution.redelivery));
        execution.attempts = attempts;
        execution.attemptCount = attempts.size();
        if (outcome.storedUrl() != null) {
            execution.requestUrl = outcome.storedUrl();
        }
        if (outcome.storedPayload() != null) {
            execution.requestPayload = outcome.storedPayload().toString();
        }
    }

    private void count(Execution execution, AttemptReport report) {
        String kind = DeliveryMetrics.kind(execution.actionType);
        if (report instanceof AttemptReport.Sent sent) {
            String result = switch (sent.outcome().verdict().kind()) {
                case SUCCESS -> "success";
                case RETRY -> execution.status == ExecutionStatus.PENDING ? "retry" : "failure";
                case FAIL, GONE -> "failure";
            };
            metrics.attempt(kind, result, Duration.ofMillis(sent.outcome().durationMs()));
            if ("success".equals(result) && sent.eventTime() != null) {
                metrics.eventToDelivery(kind, Duration.between(sent.eventTime().toInstant(), clock.instant()));
            }
        }
        if (execution.status != ExecutionStatus.PENDING) {
            metrics.outcome(kind, execution.status.name().toLowerCase());
        }
    }
}
