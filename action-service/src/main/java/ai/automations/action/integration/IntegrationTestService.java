package ai.automations.action.integration;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.action.delivery.DeliveryConfig;
import ai.automations.action.delivery.DeliveryWorker;
import ai.automations.action.delivery.IntegrationLanes;
import ai.automations.action.delivery.PreparedCall;
import ai.automations.action.delivery.Verdict;
import ai.automations.action.outbound.OutboundHttp;
import ai.automations.action.slack.SlackSender;
import ai.automations.action.webhook.WebhookSender;
import ai.automations.common.automation.ActionSpec;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.error.ApiException;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.integration.IntegrationDescriptor;
import ai.automations.common.template.TemplateVariables;
import io.smallrye.mutiny.Uni;

/**
 * Sends one test delivery through an integration exactly as an execution would (same rendering, headers, signature,
 * address checks and lane) with a sample event, and returns what the endpoint answered. Nothing is recorded.
 */
@ApplicationScoped
public class IntegrationTestService {

    private static final String SAMPLE_REGISTRY = "sample-registry";
    private static final String SAMPLE_COLLECTION = "sample-model";

    private final IntegrationDirectory integrations;
    private final WebhookSender webhooks;
    private final SlackSender slack;
    private final IntegrationLanes lanes;
    private final OutboundHttp http;
    private final DeliveryConfig config;

    public IntegrationTestService(IntegrationDirectory integrations, WebhookSender webhooks, SlackSender slack,
            IntegrationLanes lanes, OutboundHttp http, DeliveryConfig config) {
        this.integrations = integrations;
        this.webhooks = webhooks;
        this.slack = slack;
        this.lanes = lanes;
        this.http = http;
        this.config = config;
    }

    public Uni<TestCallResult> test(String entity, String name, JsonNode payload, String caller) {
        return integrations.find(entity, name)
                .onFailure(IntegrationNotUsableException.class)
                .transform(e -> ApiException.notFound("No integration '" + name + "' in entity '" + entity + "'."))
                .flatMap(integration -> send(entity, integration, payload, caller));
    }

    private Uni<TestCallResult> send(String entity, IntegrationDescriptor integration, JsonNode payload, String caller) {
        String id = "test_" + UUID.randomUUID().toString().replace("-", "");
        CloudEvent event = sampleEvent(entity, caller);
        AutomationDefinition automation = new AutomationDefinition(null, entity, "integration test", null, true, null,
                null, null, caller, null, null);
        TemplateVariables variables = TemplateVariables.of(automation, event);
        Uni<PreparedCall> prepared = integration.kind() == IntegrationDescriptor.Kind.slack
                ? slack.prepare(new SlackSender.Job(entity, null, "integration test", id, EventType.ADD_ARTIFACT_ALIAS.name(),
                        variables, new ActionSpec(ActionSpec.ActionType.NOTIFICATION, integration.name(), null,
                                "Test notification from automations", "This is a test message for integration *"
                                        + integration.name() + "*.", ActionSpec.Severity.INFO),
                        integration))
                : webhooks.prepare(new WebhookSender.Job(entity, null, id, "msg_" + id, variables,
                        payload == null || payload.isNull() ? samplePayload(integration.name()) : payload, integration));
        String lane = entity + "/" + integration.name();
        return prepared.flatMap(call -> lanes.submit(lane, () -> http.post(call.url(), call.headers(), call.body()))
                .map(result -> {
                    Verdict verdict = call.verdict().apply(result);
                    String error = verdict.kind() == Verdict.Kind.SUCCESS ? null
                            : call.secrets().redact(verdict.error() != null ? verdict.error() : result.error());
                    String body = DeliveryWorker.truncate(call.secrets().redact(result.body()), config.maxStoredBodyBytes());
                    return new TestCallResult(result.statusCode(), body, result.durationMs(), error);
                }))
                .onFailure(e -> !(e instanceof ApiException))
                .recoverWithItem(e -> new TestCallResult(null, null, 0, e.getMessage()));
    }

    private static CloudEvent sampleEvent(String entity, String caller) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("entity", entity);
        data.put("registry", SAMPLE_REGISTRY);
        data.put("collection", SAMPLE_COLLECTION);
        data.put("version", "v0");
        data.put("versionIndex", 0);
        data.put("versionString", entity + "/" + SAMPLE_REGISTRY + "/" + SAMPLE_COLLECTION + ":v0");
        data.put("alias", "test");
        data.put("author", caller);
        return CloudEvent.of("test-" + UUID.randomUUID(), "/action-service/test", EventType.ADD_ARTIFACT_ALIAS, null,
                OffsetDateTime.now(ZoneOffset.UTC), data);
    }

    private static JsonNode samplePayload(String integration) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("test", true);
        payload.put("integration", integration);
        payload.put("event_type", "${event_type}");
        payload.put("entity", "${entity_name}");
        payload.put("version", "${artifact_version_string}");
        payload.put("alias", "${alias}");
        payload.put("author", "${event_author}");
        payload.put("message", "This is a test delivery from automations.");
        return payload;
    }
}
