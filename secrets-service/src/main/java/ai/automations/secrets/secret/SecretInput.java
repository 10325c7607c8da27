package ai.automations.secrets.secret;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import ai.automations.common.error.ApiException;
import ai.automations.secrets.store.SecretValue;

/**
 * Checks what callers send: entity and secret names against the contract's patterns, values for presence and size.
 * Messages name the field and the rule, never the value.
 */
final class SecretInput {

    static final Pattern SECRET_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");
    static final Pattern ENTITY_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$");

    private SecretInput() {
    }

    static String entity(String entity) {
        if (entity == null || !ENTITY_NAME.matcher(entity).matches()) {
            throw ApiException.badRequest("The entity name must match ^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$.", "entity");
        }
        return entity;
    }

    static String name(String name) {
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("name is required.", "name");
        }
        if (!isValidName(name)) {
            throw ApiException.badRequest("A secret name must match ^[A-Za-z_][A-Za-z0-9_]{0,127}$ (letters, digits and _,"
                    + " not starting with a digit, at most 128 characters).", "name");
        }
        return name;
    }

    static boolean isValidName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    static SecretValue value(String value, int maxBytes) {
        if (value == null) {
            throw ApiException.badRequest("value is required.", "value");
        }
        if (value.isEmpty()) {
            throw ApiException.badRequest("value must not be empty.", "value");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw ApiException.tooLarge("value is " + bytes + " bytes; a secret value may be at most " + maxBytes + " bytes.");
        }
        return SecretValue.of(value);
    }

    static <T> T body(T body) {
        if (body == null) {
            throw ApiException.badRequest("A JSON body is required.", null);
        }
        return body;
    }
}
