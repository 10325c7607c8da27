package ai.automations.action.send;

import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A delivery ready to leave: the real URL, body and headers (which may hold secret values and exist only in memory),
 * what may be stored of it ({@code storedUrl}, {@code storedPayload}: redacted), how to scrub the resolved secret
 * values from anything kept, and how to read the answer.
 */
public record PreparedCall(
        String url,
        byte[] body,
        Supplier<Map<String, String>> headers,
        String storedUrl,
        JsonNode storedPayload,
        UnaryOperator<String> redact,
        AnswerReader reader) {

    @Override
    public String toString() {
        return "PreparedCall[" + storedUrl + "]";
    }
}
