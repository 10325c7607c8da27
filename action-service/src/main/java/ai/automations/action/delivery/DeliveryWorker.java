package ai.automations.action.delivery;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.action.execution.Attempt;
import ai.automations.action.execution.Execution;
import ai.automations.action.execution.ExecutionRepository;
import ai.automations.action.execution.ExecutionStatus;
import ai.automations.action.integration.AutomationStates;
import ai.automations.action.integration.DependencyUnavailableException;
import ai.automations.action.integration.IntegrationDirectory;
import ai.automations.action.integration.IntegrationNotUsableException;
import ai.automations.action.outbound.CallResult;
import ai.automations.action.outbound.OutboundHttp;
import ai.automations.action.secret.ResolvedSecrets;
import ai.automations.action.slack.SlackSender;
import ai.automations.action.webhook.WebhookSender;
import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.ActionSpec;
import ai.automations.common.automation.ActionSpec.ActionType;
import ai.automations.common.integration.IntegrationDescriptor;
import ai.automations.common.template.TemplateVariables;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Carries out one attempt of a claimed execution and records it: checks that the automation still exists and is
 * enabled (else SKIPPED), looks the integration up, resolves secrets, renders, sends through the integration's lane,
 * and moves the execution to FINISHED, to its next retry, or to FAILED (with a dead letter). Secret values live only
 * in memory for the duration of the attempt; everything recorded is redacted.
 */
@ApplicationScoped
public class DeliveryWorker {

    /** What an attempt came to, before it is recorded. */
    private sealed interface Outcome {
    }

    private record Skipped(String reason) implements Outcome {
    }

    private record NoOp() implements Outcome {
    }

    private record LeaseLost() implements Outcome {
    }

    private record Tried(OffsetDateTime at, Integer statusCode, String error, long durationMs, String body,
            String storedUrl, JsonNode storedPayload, ResolvedSecrets secrets, Verdict verdict) implements Outcome {
    }

    private final ExecutionRepository executions;
    private final AutomationStates automations;
    private final IntegrationDirectory integrations;
    private final WebhookSender webhooks;
    private final SlackSender slack;
    private final IntegrationLanes lanes;
    private final OutboundHttp http;
    private final RetryPolicy retries;
    private final DeadLetters deadLetters;
    private final DeliveryMetrics metrics;
    private final DeliveryConfig config;
    private final ObjectMapper json;

    public DeliveryWorker(ExecutionRepository executions, AutomationStates automations, IntegrationDirectory integrations,
            WebhookSender webhooks, SlackSender slack, IntegrationLanes lanes, OutboundHttp http, RetryPolicy retries,
            DeadLetters deadLetters, DeliveryMetrics metrics, DeliveryConfig config, ObjectMapper json) {
        this.executions = executions;
        this.automations = automations;
        this.integrations = integrations;
        this.webhooks = webhooks;
        this.slack = slack;
        this.lanes = lanes;
        this.http = http;
        this.retries = retries;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.config = config;
        this.json = json;
    }

    /**
     * Runs one attempt of {@code execution}, which {@code token} holds. Completes with when the next attempt is due,
     * if one was scheduled.
     */
    public Uni<Optional<OffsetDateTime>> attempt(Execution execution, UUID token) {
        return decide(execution, token)
                .onFailure().recoverWithItem(failure -> failedBeforeSending(execution, failure))
                .flatMap(outcome -> record(execution, token, outcome));
    }

    private Uni<Outcome> decide(Execution execution, UUID token) {
        ActionRequest request;
        try {
            request = json.readValue(execution.actionRequest, ActionRequest.class);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().item(tried(Verdict.fail("the stored action request is not readable")));
        }
        Uni<AutomationStates.State> state = execution.redelivery
                ? Uni.createFrom().item(AutomationStates.State.ENABLED)
                : automations.state(execution.automationId);
        return state.flatMap(s -> switch (s) {
            case DELETED -> Uni.createFrom().item(new Skipped("the automation was deleted before this execution"));
            case DISABLED -> Uni.createFrom().item(new Skipped("the automation was disabled before this execution"));
            case ENABLED -> execution.actionType == ActionType.NO_OP
                    ? Uni.createFrom().item(new NoOp())
                    : send(execution, token, request);
        });
    }

    private Uni<Outcome> send(Execution execution, UUID token, ActionRequest request) {
        return integrations.usable(execution.entity, execution.integration)
                .flatMap(integration -> prepare(execution, request, integration))
                .flatMap(call -> lanes.submit(execution.lane, () -> keepLease(execution, token).flatMap(held -> {
                    if (!held) {
                        return Uni.createFrom().item((Outcome) new LeaseLost());
                    }
                    OffsetDateTime at = ExecutionRepository.now();
                    return http.post(call.url(), call.headers(), call.body()).map(result -> {
                        Verdict verdict = call.verdict().apply(result);
                        String error = verdict.error() != null ? verdict.error() : errorOf(result);
                        return (Outcome) new Tried(at, result.statusCode(), error, result.durationMs(), result.body(),
                                call.storedUrl(), call.storedPayload(), call.secrets(), verdict);
                    });
                })));
    }

    private Uni<ai.automations.action.delivery.PreparedCall> prepare(Execution execution, ActionRequest request,
            IntegrationDescriptor integration) {
        ActionSpec action = request.automation().action();
        TemplateVariables variables = TemplateVariables.of(request.automation(), request.event());
        if (execution.actionType == ActionType.GENERIC_WEBHOOK) {
            if (integration.kind() != IntegrationDescriptor.Kind.webhook) {
                return Uni.createFrom().failure(new IntegrationNotUsableException(
                        "integration '" + integration.name() + "' is not a webhook integration"));
            }
            return webhooks.prepare(new WebhookSender.Job(execution.entity, execution.automationId,
                    execution.id.toString(), execution.webhookId, variables, action.payload(), integration));
        }
        if (integration.kind() != IntegrationDescriptor.Kind.slack) {
            return Uni.createFrom().failure(new IntegrationNotUsableException(
                    "integration '" + integration.name() + "' is not a Slack integration"));
        }
        return slack.prepare(new SlackSender.Job(execution.entity, execution.automationId, execution.automationName,
                execution.id.toString(), execution.eventType, variables, action, integration));
    }

    /** Renews the lease if it could run out during the call; false when another instance has taken over. */
    private Uni<Boolean> keepLease(Execution execution, UUID token) {
        OffsetDateTime now = ExecutionRepository.now();
        Duration margin = config.requestTimeout().plusSeconds(30);
        if (execution.leaseUntil != null && execution.leaseUntil.isAfter(now.plus(margin))) {
            return Uni.createFrom().item(true);
        }
        OffsetDateTime until = now.plus(config.lease());
        return executions.renew(execution.id, token, until).invoke(held -> {
            if (held) {
                execution.leaseUntil = until;
            }
        });
    }

    private Outcome failedBeforeSending(Execution execution, Throwable failure) {
        if (failure instanceof IntegrationNotUsableException) {
            return tried(Verdict.fail(failure.getMessage()));
        }
        if (failure instanceof DependencyUnavailableException) {
            return tried(Verdict.retry(failure.getMessage(), Optional.empty()));
        }
        Log.errorf("Execution %s: unexpected failure before sending (%s); it will be retried", execution.id,
                failure.getClass().getName());
        return tried(Verdict.retry("internal error before sending (" + failure.getClass().getSimpleName() + ")",
                Optional.empty()));
    }

    private static Tried tried(Verdict verdict) {
        return new Tried(ExecutionRepository.now(), null, verdict.error(), 0, null, null, null, ResolvedSecrets.none(),
                verdict);
    }

    private Uni<Optional<OffsetDateTime>> record(Execution claimed, UUID token, Outcome outcome) {
        if (outcome instanceof LeaseLost) {
            Log.infof("Execution %s was taken over by another instance; this attempt was not made", claimed.id);
            return Uni.createFrom().item(Optional.empty());
        }
        String kind = kind(claimed.actionType);
        Execution execution = claimed;
        apply(execution, outcome);
        return executions.recordAttempt(execution, token)
                .flatMap(recorded -> {
                    if (!recorded) {
                        Log.infof("Execution %s: lease lost before the attempt was recorded", claimed.id);
                        return Uni.createFrom().item(Optional.<OffsetDateTime>empty());
                    }
                    observe(kind, execution, outcome);
                    Uni<Void> after = Uni.createFrom().voidItem();
                    if (outcome instanceof Tried tried && tried.verdict().kind() == Verdict.Kind.GONE) {
                        after = integrations.disable(execution.entity, execution.integration, "the endpoint answered 410 Gone");
                    }
                    if (execution.dlqPending) {
                        after = after.flatMap(ignored -> publishDeadLetter(execution));
                    }
                    Optional<OffsetDateTime> next = execution.status == ExecutionStatus.PENDING
                            ? Optional.ofNullable(execution.nextAttemptAt)
                            : Optional.empty();
                    return after.replaceWith(next);
                });
    }

    private void apply(Execution execution, Outcome outcome) {
        OffsetDateTime now = ExecutionRepository.now();
        if (outcome instanceof Skipped skipped) {
            finish(execution, ExecutionStatus.SKIPPED, skipped.reason(), now);
        } else if (outcome instanceof NoOp) {
            finish(execution, ExecutionStatus.FINISHED, null, now);
        } else if (outcome instanceof Tried tried) {
            ResolvedSecrets secrets = tried.secrets();
            String error = secrets.redact(tried.error());
            List<Attempt> attempts = new ArrayList<>(execution.attempts);
            attempts.add(new Attempt(tried.at(), tried.statusCode(), error, tried.durationMs(),
                    truncate(secrets.redact(tried.body()), config.maxStoredBodyBytes()), execution.redelivery));
            execution.attempts = attempts;
            execution.attemptCount = attempts.size();
            if (tried.storedUrl() != null) {
                execution.requestUrl = tried.storedUrl();
            }
            if (tried.storedPayload() != null) {
                execution.requestPayload = tried.storedPayload().toString();
            }
            applyVerdict(execution, tried.verdict(), error, now);
        }
        execution.redelivery = false;
    }

    private void applyVerdict(Execution execution, Verdict verdict, String error, OffsetDateTime now) {
        switch (verdict.kind()) {
            case SUCCESS -> finish(execution, ExecutionStatus.FINISHED, null, now);
            case RETRY -> {
                if (execution.redelivery) {
                    fail(execution, "redelivery failed: " + error, false, now);
                    return;
                }
                int scheduled = (int) execution.attempts.stream().filter(a -> !a.redelivery()).count();
                Optional<OffsetDateTime> next = retries.next(scheduled, execution.createdAt, now, verdict.retryAfter());
                if (next.isPresent()) {
                    execution.status = ExecutionStatus.PENDING;
                    execution.nextAttemptAt = next.get();
                    execution.reason = error;
                } else {
                    fail(execution, "gave up after " + scheduled + " attempts: " + error, true, now);
                }
            }
            case FAIL, GONE -> fail(execution, error, !execution.redelivery, now);
        }
    }

    private static void finish(Execution execution, ExecutionStatus status, String reason, OffsetDateTime now) {
        execution.status = status;
        execution.reason = reason;
        execution.finishedAt = now;
        execution.nextAttemptAt = null;
    }

    private static void fail(Execution execution, String reason, boolean deadLetter, OffsetDateTime now) {
        finish(execution, ExecutionStatus.FAILED, reason, now);
        execution.dlqPending = deadLetter;
    }

    private void observe(String kind, Execution execution, Outcome outcome) {
        if (outcome instanceof Tried tried) {
            String result = switch (tried.verdict().kind()) {
                case SUCCESS -> "success";
                case RETRY -> execution.status == ExecutionStatus.PENDING ? "retry" : "failure";
                case FAIL, GONE -> "failure";
            };
            metrics.attempt(kind, result, Duration.ofMillis(tried.durationMs()));
        }
        if (execution.status != ExecutionStatus.PENDING) {
            metrics.outcome(kind, execution.status.name().toLowerCase());
        }
    }

    /** Publishes the dead letter of a failed execution and marks it sent; a failure leaves it for the resend sweep. */
    public Uni<Void> publishDeadLetter(Execution execution) {
        JsonNode request;
        try {
            request = json.readTree(execution.actionRequest);
        } catch (JsonProcessingException e) {
            request = null;
        }
        DeadLetter letter = new DeadLetter(execution.id.toString(), execution.requestId, execution.automationId,
                execution.reason, execution.attemptCount, execution.finishedAt, request, null);
        return deadLetters.publish(execution.automationId, letter)
                .flatMap(ignored -> executions.deadLetterSent(execution.id))
                .onFailure().invoke(e -> Log.warnf("Dead letter of execution %s not published yet (%s); will retry",
                        execution.id, e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    private static String errorOf(CallResult result) {
        if (result.error() != null) {
            return result.error();
        }
        return result.is2xx() ? null : "HTTP " + result.statusCode();
    }

    static String kind(ActionType type) {
        return switch (type) {
            case GENERIC_WEBHOOK -> "webhook";
            case NOTIFICATION -> "slack";
            case NO_OP -> "noop";
        };
    }

    /** The text cut to at most {@code maxBytes} of UTF-8, never splitting a character. */
    public static String truncate(String text, int maxBytes) {
        if (text == null) {
            return null;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.IGNORE);
        CharBuffer chars = CharBuffer.allocate(maxBytes);
        decoder.decode(ByteBuffer.wrap(bytes, 0, maxBytes), chars, true);
        chars.flip();
        return chars.toString();
    }
}
