package ai.automations.registry.support;

import java.util.regex.Pattern;

import ai.automations.common.error.ApiException;

/**
 * The contract's fixed name rules. These patterns are ours, not users', so plain Java regexes are fine here; every
 * check fails with a 400 naming the field.
 */
public final class Names {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$");
    private static final Pattern VERSION = Pattern.compile("^v(\\d{1,9})$");
    private static final Pattern LOOKS_LIKE_VERSION = Pattern.compile("^v\\d+$");
    private static final Pattern SECRET = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");
    private static final Pattern INTEGRATION = Pattern.compile("^[-\\w]+( +[-\\w]+)*$");
    private static final String NAME_RULE = "1-128 letters, digits, '_', '.' or '-', starting with a letter or digit";

    /** The alias every collection moves to its newest version by itself. */
    public static final String LATEST = "latest";

    private Names() {
    }

    /** An entity, project, registry, collection or type name. */
    public static String name(String value, String field) {
        require(value, field);
        if (!NAME.matcher(value).matches()) {
            throw ApiException.badRequest("'" + field + "' must be " + NAME_RULE + ".", field);
        }
        return value;
    }

    /** An alias: a name that does not look like a version index. */
    public static String alias(String value, String field) {
        name(value, field);
        if (LOOKS_LIKE_VERSION.matcher(value).matches()) {
            throw ApiException.badRequest("'" + field + "' may not look like a version index (v<digits>).", field);
        }
        return value;
    }

    /** An alias a user sets or removes: any alias but {@code latest}, which follows the newest version. */
    public static String userAlias(String value, String field) {
        alias(value, field);
        if (LATEST.equals(value)) {
            throw ApiException.badRequest("'latest' always marks the newest version; it cannot be set or removed.",
                    field);
        }
        return value;
    }

    public static String tag(String value, String field) {
        return name(value, field);
    }

    public static String secret(String value, String field) {
        require(value, field);
        if (!SECRET.matcher(value).matches()) {
            throw ApiException.badRequest("'" + field
                    + "' must be a secret name: letters, digits and '_', not starting with a digit, at most 128.",
                    field);
        }
        return value;
    }

    public static String integration(String value, String field) {
        require(value, field);
        if (value.length() > 64 || !INTEGRATION.matcher(value).matches()) {
            throw ApiException.badRequest("'" + field
                    + "' must be at most 64 characters of words (letters, digits, '_', '-') separated by spaces.",
                    field);
        }
        return value;
    }

    /** A required free text of at most {@code max} characters. */
    public static String text(String value, String field, int max) {
        require(value, field);
        return optionalText(value, field, max);
    }

    /** An optional free text of at most {@code max} characters. */
    public static String optionalText(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.badRequest("'" + field + "' may have at most " + max + " characters.", field);
        }
        return value;
    }

    /** The index of {@code vN}, or -1 when the text is not a version index. */
    public static int versionIndex(String value) {
        var m = VERSION.matcher(value);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    public static String version(int index) {
        return "v" + index;
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("'" + field + "' is required.", field);
        }
    }
}
