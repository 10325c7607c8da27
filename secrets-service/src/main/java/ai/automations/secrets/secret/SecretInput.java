package ai.automations.secrets.secret;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import ai.automations.common.error.ApiException;
import ai.automations.common.validation.NamePatterns;
import ai.automations.secrets.store.SecretValue;

/**
 * Checks what the request records' constraints cannot: entity and secret names taken from paths, a value's size in
 * bytes, the internal resolve request's body.
 * Messages name the field and the rule, never the value.
 */
final class SecretInput {

    static final Pattern SECRET_NAME = Pattern.compile(NamePatterns.SECRET);
    static final Pattern ENTITY_NAME = Pattern.compile(NamePatterns.NAME);

    private SecretInput() {
    }

    static String entity(String entity) {
        if (entity == null || !ENTITY_NAME.matcher(entity).matches()) {
            throw ApiException.badRequest("The entity name must match ^" + NamePatterns.NAME + "$.", "entity");
        }
        return entity;
    }

    static String name(String name) {
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("name is required.", "name");
        }
        if (!isValidName(name)) {
            throw ApiException.badRequest("A secret name must match ^" + NamePatterns.SECRET + "$ (letters, digits and _,"
                    + " not starting with a digit, at most 128 characters).", "name");
        }
        return name;
    }

    static boolean isValidName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    /** A value the request's constraints let through (present, not empty), within {@code maxBytes} of UTF-8. */
    static SecretValue value(String value, int maxBytes) {
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
