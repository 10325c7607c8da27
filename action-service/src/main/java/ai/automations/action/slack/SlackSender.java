package ai.automations.action.slack;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import ai.automations.action.execution.Verdict;
import ai.automations.action.integration.IntegrationNotUsableException;
import ai.automations.action.outbound.CallResult;
import ai.automations.action.outbound.OutboundConfig;
import ai.automations.action.secret.ResolvedSecrets;
import ai.automations.action.secret.SecretValues;
import ai.automations.action.send.HttpVerdicts;
import ai.automations.action.send.OutboundCalls;
import ai.automations.action.send.PreparedCall;
import ai.automations.action.send.RetryAfter;
import ai.automations.action.send.SendOutcome;
import ai.automations.action.send.SendRequest;
import ai.automations.action.send.Sender;
import ai.automations.common.automation.ActionSpec;
import ai.automations.common.automation.ActionSpec.ActionType;
import ai.automations.common.automation.ActionSpec.Severity;
import ai.automations.common.integration.IntegrationDescriptor;
import ai.automations.common.template.PayloadTemplate;
import ai.automations.common.template.TemplateVariables;
import io.smallrye.mutiny.Uni;

/**
 * Sends a {@code NOTIFICATION}: a Block Kit message posted to the integration's incoming-webhook URL (a secret) or
 * through {@code chat.postMessage} with its bot token. Slack's {@code ok:false} is a failure; {@code ratelimited},
 * 429 and Slack's transient errors are retried like a 5xx.
 */
@ApplicationScoped
public class SlackSender implements Sender {

    private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "rate_limited", "internal_error",
            "fatal_error", "service_unavailable", "request_timeout");

    private final SecretValues secrets;
    private final OutboundCalls calls;
    private final ObjectMapper json;
    private final SlackConfig config;
    private final LinksConfig links;
    private final String userAgent;

    public SlackSender(SecretValues secrets, OutboundCalls calls, ObjectMapper json, SlackConfig config,
            LinksConfig links, OutboundConfig outbound) {
        this.secrets = secrets;
        this.calls = calls;
        this.json = json;
        this.config = config;
        this.links = links;
        this.userAgent = "automations/" + outbound.version();
    }

    @Override
    public IntegrationDescriptor.Kind kind() {
        return IntegrationDescriptor.Kind.slack;
    }

    @Override
    public ActionType actionType() {
        return ActionType.NOTIFICATION;
    }

    @Override
    public Uni<SendOutcome> send(SendRequest request, Supplier<Uni<Boolean>> clearance) {
        if (request.integration().kind() != kind()) {
            return Uni.createFrom().failure(new IntegrationNotUsableException(
                    "integration '" + request.integration().name() + "' is not a Slack integration"));
        }
        return prepare(request).flatMap(call -> calls.make(call, request.lane(), clearance));
    }

    private Uni<PreparedCall> prepare(SendRequest job) {
        IntegrationDescriptor integration = job.integration();
        String secretName = integration.webhookUrlSecret() != null ? integration.webhookUrlSecret() : integration.botTokenSecret();
        if (secretName == null) {
            return Uni.createFrom().failure(new IntegrationNotUsableException(
                    "the Slack integration has neither a webhookUrlSecret nor a botTokenSecret"));
        }
        return secrets.resolve(job.entity(), Set.of(secretName), job.automationId(), job.executionId())
                .map(resolved -> build(job, secretName, resolved));
    }

    private PreparedCall build(SendRequest job, String secretName, ResolvedSecrets resolved) {
        IntegrationDescriptor integration = job.integration();
        String secret = resolved.value(secretName);
        if (secret == null) {
            throw new IntegrationNotUsableException("the Slack integration's secret '" + secretName + "' does not exist");
        }
        boolean incomingWebhook = integration.webhookUrlSecret() != null;
        ObjectNode message = SlackMessages.build(notification(job), incomingWebhook ? null : integration.channel());
        byte[] body;
        JsonNode stored;
        try {
            body = json.writeValueAsBytes(message);
            stored = json.readTree(resolved.redact(json.writeValueAsString(message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the Slack message is not serialisable", e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", userAgent);
        if (incomingWebhook) {
            return new PreparedCall(secret.trim(), body, () -> headers, PayloadTemplate.REDACTED, stored, resolved::redact,
                    HttpVerdicts::of);
        }
        headers.put("Authorization", "Bearer " + secret);
        String base = integration.apiBaseUrl() != null && !integration.apiBaseUrl().isBlank() ? integration.apiBaseUrl()
                : config.apiBaseUrl();
        String url = ExecutionLinks.stripSlash(base) + "/chat.postMessage";
        return new PreparedCall(url, body, () -> headers, resolved.redact(url), stored, resolved::redact, this::readWebApi);
    }

    private Notification notification(SendRequest job) {
        ActionSpec action = job.action();
        TemplateVariables variables = job.variables();
        String defaultTitle = (job.automationName() == null ? "Automation" : job.automationName())
                + (job.eventType() == null ? "" : ": " + job.eventType());
        String title = render(action == null ? null : action.title(), variables);
        String message = render(action == null ? null : action.message(), variables);
        Severity severity = action == null || action.severity() == null ? Severity.INFO : action.severity();
        return new Notification(title == null || title.isBlank() ? defaultTitle : title, message, severity,
                job.eventType(), variables, job.automationName(), job.entity(),
                ExecutionLinks.executions(links, job.entity(), job.automationId()));
    }

    /** Titles and messages may use event variables; secrets never go into a Slack message. */
    private static String render(String text, TemplateVariables variables) {
        if (text == null) {
            return null;
        }
        JsonNode rendered = new PayloadTemplate(TextNode.valueOf(text)).render(variables, Map.of());
        return rendered.isValueNode() ? rendered.asText() : rendered.toString();
    }

    /** chat.postMessage answers 200 with {"ok":false,"error":...} on failure. */
    private Verdict readWebApi(CallResult result, Instant now) {
        Verdict http = HttpVerdicts.of(result, now);
        if (http.kind() != Verdict.Kind.SUCCESS) {
            return http;
        }
        JsonNode answer;
        try {
            answer = json.readTree(result.body());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Verdict.fail("Slack answered with something that is not JSON");
        }
        if (answer != null && answer.path("ok").asBoolean(false)) {
            return Verdict.success();
        }
        String error = answer == null ? "unknown" : answer.path("error").asText("unknown");
        if (TRANSIENT_ERRORS.contains(error)) {
            return Verdict.retry("Slack error: " + error, RetryAfter.parse(result.retryAfter(), now));
        }
        return Verdict.fail("Slack error: " + error);
    }
}
