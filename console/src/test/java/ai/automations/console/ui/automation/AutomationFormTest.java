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
}
