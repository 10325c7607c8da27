package ai.automations.action.webhook;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.action.delivery.DeliveryConfig;
import ai.automations.action.delivery.HttpVerdicts;
import ai.automations.action.delivery.PreparedCall;
import ai.automations.action.integration.IntegrationNotUsableException;
import ai.automations.action.secret.ResolvedSecrets;
import ai.automations.action.secret.SecretValues;
import ai.automations.common.integration.IntegrationDescriptor;
import ai.automations.common.template.PayloadTemplate;
import ai.automations.common.template.TemplateVariables;
import io.smallrye.mutiny.Uni;

/**
 * Prepares the contract's outbound webhook request: the payload rendered with event variables and secret values
 * resolved now (and a redacted rendering to store), {@code Authorization: Bearer} from the integration's access token,
 * and the Standard Webhooks headers with a signature when the integration has a signing secret.
 */
@ApplicationScoped
public class WebhookSender {

    private final SecretValues secrets;
    private final ObjectMapper json;
    private final String userAgent;

    public WebhookSender(SecretValues secrets, ObjectMapper json, DeliveryConfig config) {
        this.secrets = secrets;
        this.json = json;
        this.userAgent = "automations/" + config.version();
    }

    /** What to deliver and for whom. */
    public record Job(String entity, String automationId, String executionId, String webhookId,
            TemplateVariables variables, JsonNode payload, IntegrationDescriptor integration) {
    }

    public Uni<PreparedCall> prepare(Job job) {
        IntegrationDescriptor integration = job.integration();
        PayloadTemplate template = new PayloadTemplate(job.payload());
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

    private PreparedCall build(Job job, PayloadTemplate template, Set<String> templateSecrets, ResolvedSecrets resolved) {
        IntegrationDescriptor integration = job.integration();
        requirePresent(resolved, integration.accessTokenSecret(), "access token");
        requirePresent(resolved, integration.signingSecret(), "signing secret");
        String accessToken = resolved.value(integration.accessTokenSecret());
        String signingSecret = resolved.value(integration.signingSecret());
        if (signingSecret != null) {
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
        return new PreparedCall(url, body, () -> headers(job.webhookId(), accessToken, signingSecret, body),
                resolved.redact(url), stored, resolved, HttpVerdicts::of);
    }

    private Map<String, String> headers(String webhookId, String accessToken, String signingSecret, byte[] body) {
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", userAgent);
        headers.put("webhook-id", webhookId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        if (signingSecret != null) {
            headers.put("webhook-signature", WebhookSigner.signature(signingSecret, webhookId, timestamp, body));
        }
        if (accessToken != null) {
            headers.put("Authorization", "Bearer " + accessToken);
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
