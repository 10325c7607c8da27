package ai.automations.registry.support;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import ai.automations.common.error.ApiException;
import ai.automations.common.error.RequestErrors;

/**
 * Reads a part of a request that arrives as raw JSON (a run history point, an automation's filter) into its record
 * and holds it to the record's constraints, as the framework does for whole bodies; every failure is the contract's
 * error with the field's full path ({@code [3].step}, {@code event.filter.window}). Values keep their JSON type: no
 * {@code "1.5"} for a number, no {@code 2.5} for a whole number, no number for a string, and no unknown field.
 */
@ApplicationScoped
public class StrictJson {

    private final ObjectMapper mapper;
    private final Validator validator;

    public StrictJson(ObjectMapper mapper, Validator validator) {
        this.mapper = strict(mapper.copy());
        this.validator = validator;
    }

    /** The record {@code node} holds, valid; {@code at} is where the node sits in the request (null: the body). */
    public <T> T read(JsonNode node, Class<T> type, String at) {
        T value;
        try {
            value = mapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw RequestErrors.json(at, e);
        }
        if (value == null) {
            throw at == null ? ApiException.badRequest("The request body must be a JSON object.", null)
                    : ApiException.badRequest("'" + at + "' must be a JSON object.", at);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw RequestErrors.violations(at, violations);
        }
        return value;
    }

    private static ObjectMapper strict(ObjectMapper copy) {
        copy.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (LogicalType type : new LogicalType[] { LogicalType.Integer, LogicalType.Float }) {
            copy.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        copy.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return copy;
    }
}
