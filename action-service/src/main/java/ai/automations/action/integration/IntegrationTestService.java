package ai.automations.action.integration;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.action.execution.Verdict;
import ai.automations.action.send.SendRequest;
import ai.automations.action.send.Sender;
import ai.automations.action.send.Senders;
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
    private final Senders senders;
    private final InstantSource clock;

    public IntegrationTestService(IntegrationDirectory integrations, Senders senders, InstantSource clock) {
        this.integrations = integrations;
        this.senders = senders;
        this.clock = clock;
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
        ActionSpec action = integration.kind() == IntegrationDescriptor.Kind.slack
                ? new ActionSpec(ActionSpec.ActionType.NOTIFICATION, integration.name(), null,
                        "Test notification from automations", "This is a test message for integration *"
                                + integration.name() + "*.", ActionSpec.Severity.INFO)
                : new ActionSpec(ActionSpec.ActionType.GENERIC_WEBHOOK, integration.name(),
                        payload == null || payload.isNull() ? samplePayload(integration.name()) : payload, null, null,
                        null);
        SendRequest request = new SendRequest(entity, null, "integration test", id, "msg_" + id,
                EventType.ADD_ARTIFACT_ALIAS.name(), entity + "/" + integration.name(), variables, action, integration);
        Sender sender = senders.forIntegration(integration.kind()).orElseThrow(
                () -> new IntegrationNotUsableException("integration '" + integration.name() + "' cannot be tested"));
        return Uni.createFrom().deferred(() -> sender.send(request))
                .map(outcome -> new TestCallResult(outcome.statusCode(), outcome.body(), outcome.durationMs(),
                        outcome.verdict().kind() == Verdict.Kind.SUCCESS ? null : outcome.error()))
                .onFailure(e -> !(e instanceof ApiException))
                .recoverWithItem(e -> new TestCallResult(null, null, 0, e.getMessage()));
    }

    private CloudEvent sampleEvent(String entity, String caller) {
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
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), data);
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
