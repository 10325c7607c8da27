package ai.automations.action.testing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.ActionSpec;
import ai.automations.common.automation.ActionSpec.ActionType;
import ai.automations.common.automation.ActionSpec.Severity;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.AutomationScope;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.EventTrigger;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;

/** Action requests as trigger-service would publish them. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Fixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static ActionSpec webhook(String integration, String payload) {
        return new ActionSpec(ActionType.GENERIC_WEBHOOK, integration, payload == null ? null : json(payload), null, null,
                null);
    }

    public static ActionSpec notification(String integration, String title, String message, Severity severity) {
        return new ActionSpec(ActionType.NOTIFICATION, integration, null, title, message, severity);
    }

    public static ActionSpec noOp() {
        return new ActionSpec(ActionType.NO_OP, null, null, null, null, null);
    }

    public static AutomationDefinition automation(String entity, String name, ActionSpec action) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new AutomationDefinition(UUID.randomUUID().toString(), entity, name, null, true,
                new AutomationScope(AutomationScope.ScopeType.ARTIFACT_COLLECTION, null, "model", "fraud-detector"),
                new EventTrigger(EventType.ADD_ARTIFACT_ALIAS, EventFilter.aliasRegex("^production$")), action, "ana", now,
                now);
    }

    /** An alias added to version 3 of acme's model/fraud-detector registry collection, by ana. */
    public static CloudEvent aliasEvent(String entity, String alias) {
        ObjectNode data = (ObjectNode) json("""
                {"registry":"model","collection":"fraud-detector","collectionId":"c-1","collectionType":"model",
                 "artifactId":"a-1","artifactType":"model","version":"v3","versionIndex":3,
                 "digest":"sha256:abc","author":"ana","metadata":{"accuracy":0.93,"framework":"torch"}}""");
        data.put("entity", entity);
        data.put("alias", alias);
        data.put("versionString", entity + "/model/fraud-detector:v3");
        return CloudEvent.of(UUID.randomUUID().toString(), "/registry", EventType.ADD_ARTIFACT_ALIAS,
                "fraud-detector", OffsetDateTime.now(ZoneOffset.UTC), data);
    }

    /** A run metric threshold that fired: loss averaged 0.15 over the last values of run "resnet-7". */
    public static CloudEvent metricEvent(String entity) {
        ObjectNode data = (ObjectNode) json("""
                {"project":"vision","runId":"r-77","runName":"resnet-7","user":"bo","metric":"loss","step":120,
                 "value":0.15,"values":[0.2,0.16,0.14,0.13,0.12],
                 "filter":{"metric":"loss","agg":"AVERAGE","window":5,"cmp":"<","threshold":0.2}}""");
        data.put("entity", entity);
        return CloudEvent.of(UUID.randomUUID().toString(), "/trigger", EventType.RUN_METRIC_THRESHOLD, "r-77",
                OffsetDateTime.now(ZoneOffset.UTC), data);
    }

    public static ActionRequest request(AutomationDefinition automation, CloudEvent event) {
        return ActionRequest.of(automation, event, OffsetDateTime.now(ZoneOffset.UTC));
    }
}
