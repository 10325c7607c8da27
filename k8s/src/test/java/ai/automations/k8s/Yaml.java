package ai.automations.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** One YAML mapper for the tests. */
final class Yaml {

    static final ObjectMapper MAPPER = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Yaml() {
    }

    static JsonNode read(Path file) {
        try {
            JsonNode node = MAPPER.readTree(file.toFile());
            return node == null ? MAPPER.createObjectNode() : node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(JsonNode node, Path file) {
        try {
            MAPPER.writeValue(file.toFile(), node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
