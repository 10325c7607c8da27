package ai.automations.action.execution;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Stores an execution's attempts as one JSON array beside it: they are always read and written together. */
@Converter
public class AttemptsConverter implements AttributeConverter<List<Attempt>, String> {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final TypeReference<List<Attempt>> LIST = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<Attempt> attempts) {
        try {
            return JSON.writeValueAsString(attempts == null ? List.of() : attempts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("attempts are not serialisable", e);
        }
    }

    @Override
    public List<Attempt> convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(column, LIST));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attempts are not readable", e);
        }
    }
}
