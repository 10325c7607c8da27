package ai.automations.registry.support;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/** JSON kept in text columns and Kafka records, written and read with the application's object mapper. */
@ApplicationScoped
public class JsonText {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    /** Reads a map without resolving its type at every call (a GET of a version reads its metadata so). */
    private final ObjectReader mapReader;

    public JsonText(ObjectMapper mapper) {
        this.mapper = mapper;
        this.mapReader = mapper.readerFor(MAP);
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read stored JSON as " + type.getSimpleName(), e);
        }
    }

    public Map<String, Object> readMap(String json) {
        try {
            return json == null ? Map.of() : mapReader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read stored JSON object", e);
        }
    }

    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
