package ai.automations.registry.run;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import ai.automations.common.error.ApiException;

/**
 * Reads the body of {@code POST .../history} as Python's {@code json.dumps} writes it: standard JSON plus the bare
 * tokens {@code NaN}, {@code Infinity} and {@code -Infinity} (a diverged loss). Only this endpoint reads them; every
 * other body stays strict JSON, so a threshold can never be NaN.
 */
@ApplicationScoped
public class HistoryJson {

    private final ObjectReader reader;

    public HistoryJson(ObjectMapper mapper) {
        this.reader = mapper.reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);
    }

    /** The body as a tree (null when it is empty), or the contract's 400 when it is not JSON. */
    public JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The request body is not valid JSON.", null);
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read.", null);
        }
    }
}
