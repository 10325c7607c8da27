package ai.automations.secrets.secret;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.error.RequestErrors;

/**
 * Reads request bodies that carry a secret value. Jackson's own parse errors quote the offending token (for
 * {@code {"value": hunter2}} that is the secret), and Quarkus REST logs reader failures at DEBUG with the exception;
 * so these bodies are parsed here and a failure becomes a 400 whose message holds only a position or a field name,
 * with no cause attached.
 */
abstract class ValueBodyReader<T> implements MessageBodyReader<T> {

    private final ObjectMapper mapper;
    private final Class<T> type;

    ValueBodyReader(ObjectMapper mapper, Class<T> type) {
        this.mapper = mapper;
        this.type = type;
    }

    @Override
    public boolean isReadable(Class<?> candidate, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return candidate == type && (mediaType == null || mediaType.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                || mediaType.getSubtype().endsWith("+json"));
    }

    @Override
    public T readFrom(Class<T> candidate, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        byte[] body = entityStream.readAllBytes();
        if (body.length == 0) {
            return null;
        }
        try {
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw RequestErrors.json(e);
        }
    }
}
