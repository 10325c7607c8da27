package ai.automations.action.integration;

import com.fasterxml.jackson.databind.JsonNode;

/** An integration test call's body: an optional payload template (a sample is sent without one). */
public record TestCallRequest(JsonNode payload) {
}
