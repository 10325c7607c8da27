package ai.automations.common.secret;

import java.util.List;
import java.util.Map;

/**
 * action-service's request to secrets-service for the values of an entity's secrets at send time, and the answer.
 * Values only ever travel on this internal call; they are never stored or logged outside secrets-service.
 */
public final class SecretResolution {

    private SecretResolution() {
    }

    /** Which secrets, and on whose behalf (for the audit log). */
    public record Request(List<String> names, String automationId, String executionId) {
    }

    /** The values found, and the names that do not exist. */
    public record Response(Map<String, String> values, List<String> missing) {

        @Override
        public String toString() {
            return "SecretResolution.Response[names=" + values.keySet() + ", missing=" + missing + "]";
        }
    }
}
