package ai.automations.console.ui.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.console.ui.api.ApiCallException;

class AutomationFormTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anAliasAutomationOnARegistryCollectionBecomesTheContractsJson() {
        AutomationForm form = AutomationForm.blank("ARTIFACT_COLLECTION", null, "model", "fraud-detector");
        form.name = " deploy-on-production ";
        form.aliasRegex = "^production$";
        form.tagRegex = "ignored for this event";
        form.integration = "ci";
        form.payload = "{\"token\": \"${ACCESS_TOKEN}\"}";
        Map<String, Object> body = form.toRequest(json);
        assertThat(body.get("name")).isEqualTo("deploy-on-production");
        assertThat(body.get("scope")).isEqualTo(Map.of("type", "ARTIFACT_COLLECTION", "registry", "model",
                "collection", "fraud-detector"));
        assertThat(body.get("event")).isEqualTo(Map.of("type", "ADD_ARTIFACT_ALIAS",
                "filter", Map.of("aliasRegex", "^production$")));
        @SuppressWarnings("unchecked")
        Map<String, Object> action = (Map<String, Object>) body.get("action");
        assertThat(action.get("type")).isEqualTo("GENERIC_WEBHOOK");
        assertThat(action.get("payload").toString()).isEqualTo("{\"token\":\"${ACCESS_TOKEN}\"}");
    }

    @Test
    void runEventsSendTheirNumbersAsNumbersAndTheRunFilters() {
        AutomationForm form = AutomationForm.blank("PROJECT", "fraud", null, null);
        form.name = "loss";
        form.eventType = "RUN_METRIC_THRESHOLD";
        form.metric = "loss";
        form.window = "5";
        form.cmp = "<";
        form.threshold = "0.2";
        form.runNameRegex = "^exp-";
        form.actionType = "NO_OP";
        Map<String, Object> body = form.toRequest(json);
        assertThat(body.get("scope")).isEqualTo(Map.of("type", "PROJECT", "project", "fraud"));
        assertThat(body.get("event")).isEqualTo(Map.of("type", "RUN_METRIC_THRESHOLD", "filter", Map.of(
                "metric", "loss", "window", 5L, "cmp", "<", "threshold", 0.2, "runNameRegex", "^exp-")));
        assertThat(body.get("action")).isEqualTo(Map.of("type", "NO_OP"));
    }

    @Test
    void aPayloadThatIsNotJsonIsRefusedNamingTheField() {
        AutomationForm form = AutomationForm.blank(null, null, null, null);
        form.payload = "{\"event\": ";
        assertThatThrownBy(() -> form.toRequest(json)).isInstanceOf(ApiCallException.class)
                .satisfies(e -> assertThat(((ApiCallException) e).field()).isEqualTo("action.payload"));
    }

    @Test
    void anExistingAutomationFillsTheFormAndComesBackTheSame() {
        Map<String, Object> automation = Map.of("name", "failed-runs", "enabled", false,
                "scope", Map.of("type", "ENTITY"),
                "event", Map.of("type", "RUN_STATE", "filter", Map.of("states", List.of("FAILED", "CRASHED"))),
                "action", Map.of("type", "NOTIFICATION", "integration", "slack", "severity", "ERROR"));
        AutomationForm form = AutomationForm.of(automation, json);
        assertThat(form.hasState("FAILED")).isTrue();
        assertThat(form.hasState("FINISHED")).isFalse();
        Map<String, Object> body = form.toRequest(json);
        assertThat(body.get("enabled")).isEqualTo(false);
        assertThat(body.get("event")).isEqualTo(automation.get("event"));
        assertThat(body.get("action")).isEqualTo(automation.get("action"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEditKeepsTheRateLimitAndTheWhereExpression() throws Exception {
        Map<String, Object> automation = json.readValue("""
                {"name": "gated", "scope": {"type": "REGISTRY", "registry": "model"},
                 "event": {"type": "LINK_ARTIFACT", "filter": {"where": {"$and": [
                     {"aliases": {"$contains": "candidate"}}, {"metadata.accuracy": {"$gte": 0.9}}]}}},
                 "action": {"type": "NO_OP"}, "rateLimit": {"max": 10, "perSeconds": 3600}}""", Map.class);
        AutomationForm form = AutomationForm.of(automation, json);
        assertThat(form.rateLimitMax).isEqualTo("10");
        assertThat(form.rateLimitPerSeconds).isEqualTo("3600");
        Map<String, Object> body = json.readValue(json.writeValueAsString(form.toRequest(json)), Map.class);
        assertThat(body.get("rateLimit")).isEqualTo(automation.get("rateLimit"));
        assertThat(body.get("event")).isEqualTo(automation.get("event"));
    }

    @Test
    void theNewEventsSendTheirFields() {
        AutomationForm stalled = AutomationForm.blank("PROJECT", "fraud", null, null);
        stalled.eventType = "RUN_STALLED";
        stalled.minutes = "10";
        stalled.runNameRegex = "^train-";
        stalled.metric = "ignored for this event";
        assertThat(stalled.toRequest(json).get("event")).isEqualTo(Map.of("type", "RUN_STALLED",
                "filter", Map.of("minutes", 10L, "runNameRegex", "^train-")));

        AutomationForm diverged = AutomationForm.blank("ENTITY", null, null, null);
        diverged.eventType = "RUN_METRIC_DIVERGED";
        diverged.metric = "loss";
        assertThat(diverged.toRequest(json).get("event")).isEqualTo(Map.of("type", "RUN_METRIC_DIVERGED",
                "filter", Map.of("metric", "loss")));

        AutomationForm collectionTag = AutomationForm.blank("REGISTRY", null, "model", null);
        collectionTag.eventType = "REMOVE_COLLECTION_TAG";
        collectionTag.tagRegex = "^approved$";
        assertThat(collectionTag.toRequest(json).get("event")).isEqualTo(Map.of("type", "REMOVE_COLLECTION_TAG",
                "filter", Map.of("tagRegex", "^approved$")));

        AutomationForm running = AutomationForm.blank("PROJECT", "fraud", null, null);
        running.eventType = "RUN_STATE";
        running.states = List.of("RUNNING");
        assertThat(running.toRequest(json).get("event")).isEqualTo(Map.of("type", "RUN_STATE",
                "filter", Map.of("states", List.of("RUNNING"))));
        assertThat(FormOptions.CONTRACT.events()).contains("CREATE_ARTIFACT", "ADD_COLLECTION_TAG",
                "REMOVE_COLLECTION_TAG", "RUN_METRIC_DIVERGED", "RUN_STALLED");
        assertThat(FormOptions.CONTRACT.artifactEvents()).doesNotContain("ADD_COLLECTION_TAG", "RUN_STALLED");
    }

    @Test
    void emptyRateLimitFieldsMeanNoLimitAndOneMissingHalfIsLeftToTheApiToName() {
        AutomationForm form = AutomationForm.blank(null, null, null, null);
        form.rateLimitMax = " ";
        assertThat(form.toRequest(json)).doesNotContainKey("rateLimit");
        form.rateLimitMax = "5";
        assertThat(form.toRequest(json).get("rateLimit")).isEqualTo(Map.of("max", 5L));
    }

    @Test
    void aWhereThatIsNotJsonIsRefusedNamingTheField() {
        AutomationForm form = AutomationForm.blank(null, null, null, null);
        form.where = "{\"alias\": ";
        assertThatThrownBy(() -> form.toRequest(json)).isInstanceOf(ApiCallException.class)
                .satisfies(e -> assertThat(((ApiCallException) e).field()).isEqualTo("event.filter.where"));
    }

    @Test
    void anEditCarriesWhatTheFormDoesNotShowWhileTheTypeIsTheSame() {
        Map<String, Object> stored = Map.of("id", "a1", "createdBy", "alice", "futureField", List.of(1),
                "scope", Map.of("type", "REGISTRY", "registry", "model", "futureScope", "x"),
                "event", Map.of("type", "LINK_ARTIFACT", "filter", Map.of("futureFilter", true, "where",
                        Map.of("alias", "old"))),
                "action", Map.of("type", "NO_OP", "futureAction", 2), "rateLimit", Map.of("max", 1, "perSeconds", 1));
        Map<String, Object> request = Map.of("name", "n", "scope", Map.of("type", "REGISTRY", "registry", "model"),
                "event", Map.of("type", "LINK_ARTIFACT"), "action", Map.of("type", "NO_OP"));
        Map<String, Object> merged = EditMerge.keepUnknown(stored, request);
        assertThat(merged).containsEntry("futureField", List.of(1)).doesNotContainKeys("id", "createdBy",
                "rateLimit");
        assertThat(merged.get("scope")).isEqualTo(Map.of("type", "REGISTRY", "registry", "model",
                "futureScope", "x"));
        assertThat(merged.get("event")).as("a where the form cleared stays cleared")
                .isEqualTo(Map.of("type", "LINK_ARTIFACT", "filter", Map.of("futureFilter", true)));
        assertThat(merged.get("action")).isEqualTo(Map.of("type", "NO_OP", "futureAction", 2));

        Map<String, Object> otherEvent = EditMerge.keepUnknown(stored, Map.of("name", "n",
                "scope", Map.of("type", "ENTITY"), "event", Map.of("type", "CREATE_ARTIFACT"),
                "action", Map.of("type", "NO_OP")));
        assertThat(otherEvent.get("event")).isEqualTo(Map.of("type", "CREATE_ARTIFACT"));
        assertThat(otherEvent.get("scope")).isEqualTo(Map.of("type", "ENTITY"));
    }
}
