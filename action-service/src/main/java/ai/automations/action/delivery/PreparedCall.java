package ai.automations.action.delivery;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.action.outbound.CallResult;
import ai.automations.action.secret.ResolvedSecrets;

/**
 * A delivery ready to leave: the real URL, body and headers (which may hold secret values and exist only in memory),
 * what may be stored of it ({@code storedUrl}, {@code storedPayload}: redacted), the secrets to scrub from anything
 * kept, and how to read the answer.
 */
public record PreparedCall(
        String url,
        byte[] body,
        Supplier<Map<String, String>> headers,
        String storedUrl,
        JsonNode storedPayload,
        ResolvedSecrets secrets,
        Function<CallResult, Verdict> verdict) {

    @Override
    public String toString() {
        return "PreparedCall[" + storedUrl + "]";
    }
}
