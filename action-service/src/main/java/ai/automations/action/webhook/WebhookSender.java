package ai.automations.action.webhook;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.action.delivery.AttemptSpans;
import ai.automations.action.integration.IntegrationNotUsableException;
import ai.automations.action.outbound.OutboundConfig;
import ai.automations.action.secret.ResolvedSecrets;
import ai.automations.action.secret.SecretValues;
import ai.automations.action.send.HttpVerdicts;
import ai.automations.action.send.OutboundCalls;
import ai.automations.action.send.PreparedCall;
import ai.automations.action.send.SendOutcome;
import ai.automations.action.send.SendRequest;
import ai.automations.action.send.Sender;
import ai.automations.common.automation.ActionSpec.ActionType;
import ai.automations.common.integration.IntegrationDescriptor;
import ai.automations.common.integration.SignatureFormat;
import ai.automations.common.template.PayloadTemplate;
import ai.automations.common.template.TemplateVariables;
import ai.automations.common.tracing.Tracing;
import io.smallrye.mutiny.Uni;

/**
 * Sends the contract's outbound webhook request: the payload rendered with event variables and secret values
 * resolved now (and a redacted rendering to store), {@code Authorization: Bearer} from the integration's access token,
 * and the Standard Webhooks headers ({@code webhook-id}, {@code webhook-timestamp}) with a signature when the
 * integration has a signing secret: {@code webhook-signature}, or W&B's {@code X-Wandb-Signature} when the integration's
 * {@code signatureFormat} is {@code wandb}.
 * The delivery attempt's W3C {@code traceparent} when the integration asks for it ({@code sendTraceparent}) and the
 * attempt is traced.
 */
@ApplicationScoped
public class WebhookSender implements Sender {

    private final SecretValues secrets;
    private final OutboundCalls calls;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final String userAgent;
    private final AttemptSpans attempts;

    public WebhookSender(SecretValues secrets, OutboundCalls calls, ObjectMapper json, InstantSource clock,
            OutboundConfig config, AttemptSpans attempts) {
        this.attempts = attempts;
        this.secrets = secrets;
        this.calls = calls;
        this.json = json;
        this.clock = clock;
        this.userAgent = "automations/" + config.version();
    }

    @Override
    public IntegrationDescriptor.Kind kind() {
        return IntegrationDescriptor.Kind.webhook;
    }

    @Override
    public ActionType actionType() {
        return ActionType.GENERIC_WEBHOOK;
    }

    @Override
    public Uni<SendOutcome> send(SendRequest request, Supplier<Uni<Boolean>> clearance) {
        if (request.integration().kind() != kind()) {
            return Uni.createFrom().failure(new IntegrationNotUsableException(
                    "integration '" + request.integration().name() + "' is not a webhook integration"));
        }
        return prepare(request).flatMap(call -> calls.make(call, request.lane(), clearance));
    }

    private Uni<PreparedCall> prepare(SendRequest job) {
        IntegrationDescriptor integration = job.integration();
        PayloadTemplate template = new PayloadTemplate(job.action() == null ? null : job.action().payload());
        Set<String> templateSecrets = new LinkedHashSet<>();
        templateSecrets.addAll(template.secretNames());
        Set<String> names = new LinkedHashSet<>();
        templateSecrets.stream().filter(n -> !TemplateVariables.ACCESS_TOKEN.equals(n)).forEach(names::add);
        if (integration.accessTokenSecret() != null) {
            names.add(integration.accessTokenSecret());
        }
        if (integration.signingSecret() != null) {
            names.add(integration.signingSecret());
        }
        return secrets.resolve(job.entity(), names, job.automationId(), job.executionId())
                .map(resolved -> build(job, template, templateSecrets, resolved));
    }

    private PreparedCall build(SendRequest job, PayloadTemplate template, Set<String> templateSecrets, ResolvedSecrets resolved) {
        IntegrationDescriptor integration = job.integration();
        requirePresent(resolved, integration.accessTokenSecret(), "access token");
        requirePresent(resolved, integration.signingSecret(), "signing secret");
        String accessToken = resolved.value(integration.accessTokenSecret());
        String signingSecret = resolved.value(integration.signingSecret());
        SignatureFormat format = integration.signatureFormatOrDefault();
        if (signingSecret != null && format == SignatureFormat.STANDARD_WEBHOOKS) {
            try {
                WebhookSigner.keys(signingSecret);
            } catch (IllegalArgumentException e) {
                throw new IntegrationNotUsableException("the integration's signing secret '"
                        + integration.signingSecret() + "' is not usable: " + e.getMessage());
            }
        }

        Map<String, String> values = new HashMap<>();
        for (String name : templateSecrets) {
            String value = TemplateVariables.ACCESS_TOKEN.equals(name) ? accessToken : resolved.value(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        byte[] body;
        JsonNode stored;
        try {
            body = json.writeValueAsBytes(template.render(job.variables(), values));
            JsonNode shown = template.render(job.variables(), PayloadTemplate.redacted(values.keySet()));
            stored = json.readTree(resolved.redact(json.writeValueAsString(shown)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the rendered payload is not serialisable", e);
        }
        String url = integration.url();
        String traceparent = integration.sendTraceparent() ? attempts.traceparent(job.executionId()) : null;
        return new PreparedCall(url, body,
                () -> headers(job.webhookId(), accessToken, signingSecret, format, body, traceparent),
                resolved.redact(url), stored, resolved::redact, HttpVerdicts::of);
    }

    private Map<String, String> headers(String webhookId, String accessToken, String signingSecret,
            SignatureFormat format, byte[] body, String traceparent) {
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", userAgent);
        headers.put("webhook-id", webhookId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        if (signingSecret != null) {
            if (format == SignatureFormat.WANDB) {
                headers.put("X-Wandb-Signature", WebhookSigner.wandbSignature(signingSecret, body));
            } else {
                headers.put("webhook-signature", WebhookSigner.signature(signingSecret, webhookId, timestamp, body));
            }
        }
        if (accessToken != null) {
            headers.put("Authorization", "Bearer " + accessToken);
        }
        if (traceparent != null) {
            headers.put(Tracing.TRACEPARENT, traceparent);
        }
        return headers;
    }

    private static void requirePresent(ResolvedSecrets resolved, String name, String role) {
        if (name != null && resolved.value(name) == null) {
            throw new IntegrationNotUsableException("the integration's " + role + " secret '" + name
                    + "' does not exist");
        }
    }
}
