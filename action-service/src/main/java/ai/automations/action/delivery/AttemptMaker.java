package ai.automations.action.delivery;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.action.execution.Execution;
import ai.automations.action.execution.Verdict;
import ai.automations.action.integration.AutomationStates;
import ai.automations.action.integration.DependencyUnavailableException;
import ai.automations.action.integration.IntegrationDirectory;
import ai.automations.action.integration.IntegrationNotUsableException;
import ai.automations.action.send.SendOutcome;
import ai.automations.action.send.SendRequest;
import ai.automations.action.send.Sender;
import ai.automations.action.send.Senders;
import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.ActionSpec.ActionType;
import ai.automations.common.integration.IntegrationDescriptor;
import ai.automations.common.template.TemplateVariables;
import ai.automations.common.tracing.TraceLogs;
import ai.automations.common.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Makes one attempt of a claimed execution and reports what happened, recording nothing: checks that the automation
 * still exists and is enabled (a redelivery skips the check), looks the integration up and sends through the sender
 * of the action's type while the lease is held. A failure before sending becomes a report too: an unusable
 * integration fails, an unavailable dependency or an unexpected error is retried.
 */
@ApplicationScoped
public class AttemptMaker {

    private final AutomationStates automations;
    private final IntegrationDirectory integrations;
    private final Senders senders;
    private final LeaseKeeper leases;
    private final InstantSource clock;
    private final ObjectMapper json;
    private final String publicUrl;
    private final Tracing tracing;
    private final AttemptSpans spans;

    public AttemptMaker(AutomationStates automations, IntegrationDirectory integrations, Senders senders,
            LeaseKeeper leases, InstantSource clock, ObjectMapper json, PublicLinksConfig links, Tracing tracing,
            AttemptSpans spans) {
        this.tracing = tracing;
        this.spans = spans;
        this.automations = automations;
        this.integrations = integrations;
        this.senders = senders;
        this.leases = leases;
        this.clock = clock;
        this.json = json;
        this.publicUrl = links.publicUrl();
    }

    Uni<AttemptReport> make(Execution execution, UUID token) {
        if (!AttemptSpans.traced(tracing, execution.traceparent)) {
            return decide(execution, token)
                    .onFailure().recoverWithItem(failure -> failedBeforeSending(execution, failure))
                    .invoke(report -> logged(execution, report));
        }
        String id = execution.id.toString();
        Span span = tracing.start("delivery attempt", SpanKind.INTERNAL, execution.traceparent);
        span.setAttribute("automations.execution.id", id);
        span.setAttribute("automations.attempt", execution.attemptCount + 1L);
        span.setAttribute("automations.action.type", execution.actionType.name());
        spans.begin(id, Tracing.traceparent(span));
        return decide(execution, token)
                .onFailure().recoverWithItem(failure -> {
                    try (TraceLogs logs = TraceLogs.of(span)) {
                        return failedBeforeSending(execution, failure);
                    }
                })
                .onItemOrFailure().invoke((report, failure) -> {
                    spans.end(id);
                    describe(span, report);
                    try (TraceLogs logs = TraceLogs.of(span)) {
                        logged(execution, report);
                    }
                    span.end();
                });
    }

    /** One DEBUG line per attempt: the execution, the attempt's number and what it came to (never a payload or URL). */
    private static void logged(Execution execution, AttemptReport report) {
        if (!Log.isDebugEnabled()) {
            return;
        }
        if (report instanceof AttemptReport.Sent sent && sent.outcome() != null) {
            SendOutcome outcome = sent.outcome();
            Log.debugf("Execution %s: attempt %d made, status %s, verdict %s", execution.id,
                    execution.attemptCount + 1, outcome.statusCode(),
                    outcome.verdict() == null ? "withheld" : outcome.verdict().kind());
        } else if (report != null) {
            Log.debugf("Execution %s: attempt %d: %s", execution.id, execution.attemptCount + 1,
                    report.getClass().getSimpleName());
        }
    }

    /** The attempt's outcome on its span: the HTTP status (when an answer came) and the verdict, nothing else. */
    private static void describe(Span span, AttemptReport report) {
        if (report instanceof AttemptReport.Sent sent && sent.outcome() != null) {
            SendOutcome outcome = sent.outcome();
            if (outcome.statusCode() != null) {
                span.setAttribute("http.response.status_code", outcome.statusCode().longValue());
            }
            if (outcome.verdict() != null) {
                span.setAttribute("automations.verdict", outcome.verdict().kind().name());
                if (outcome.verdict().kind() != Verdict.Kind.SUCCESS) {
                    span.setStatus(StatusCode.ERROR);
                }
            }
        } else if (report != null) {
            span.setAttribute("automations.verdict", report.getClass().getSimpleName());
        }
    }

    private Uni<AttemptReport> decide(Execution execution, UUID token) {
        ActionRequest read = execution.request;
        if (read == null) {
            try {
                read = json.readValue(execution.actionRequest, ActionRequest.class);
            } catch (JsonProcessingException e) {
                return Uni.createFrom().item(notSent(Verdict.fail("the stored action request is not readable")));
            }
        }
        ActionRequest request = read;
        Uni<AutomationStates.State> state = execution.redelivery
                ? Uni.createFrom().item(AutomationStates.State.ENABLED)
                : automations.state(execution.automationId);
        return state.flatMap(s -> switch (s) {
            case DELETED -> Uni.createFrom().item(new AttemptReport.Skipped(
                    "the automation was deleted before this execution"));
            case DISABLED -> Uni.createFrom().item(new AttemptReport.Skipped(
                    "the automation was disabled before this execution"));
            case ENABLED -> execution.actionType == ActionType.NO_OP
                    ? Uni.createFrom().item(new AttemptReport.NothingToSend())
                    : send(execution, token, request);
        });
    }

    private Uni<AttemptReport> send(Execution execution, UUID token, ActionRequest request) {
        Sender sender = senders.forAction(execution.actionType).orElseThrow(
                () -> new IllegalStateException("no sender for " + execution.actionType));
        return integrations.usable(execution.entity, execution.integration)
                .flatMap(integration -> sender.send(request(execution, request, integration),
                        () -> leases.keep(execution, token)))
                .map(outcome -> new AttemptReport.Sent(outcome, request.event().time()));
    }

    private SendRequest request(Execution execution, ActionRequest request, IntegrationDescriptor integration) {
        return new SendRequest(execution.entity, execution.automationId, execution.automationName,
                execution.id.toString(), execution.webhookId, execution.eventType, execution.lane,
                TemplateVariables.of(request.automation(), request.event(), publicUrl), request.automation().action(),
                integration);
    }

    private AttemptReport failedBeforeSending(Execution execution, Throwable failure) {
        if (failure instanceof IntegrationNotUsableException) {
            return notSent(Verdict.fail(failure.getMessage()));
        }
        if (failure instanceof DependencyUnavailableException) {
            return notSent(Verdict.retry(failure.getMessage(), Optional.empty()));
        }
        Log.errorf("Execution %s: unexpected failure before sending (%s); it will be retried", execution.id,
                failure.getClass().getName());
        return notSent(Verdict.retry("internal error before sending (" + failure.getClass().getSimpleName() + ")",
                Optional.empty()));
    }

    private AttemptReport notSent(Verdict verdict) {
        return new AttemptReport.Sent(SendOutcome.notSent(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                verdict), null);
    }
}
