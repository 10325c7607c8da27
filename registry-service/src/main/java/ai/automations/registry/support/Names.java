package ai.automations.registry.support;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import ai.automations.common.error.ApiException;
import ai.automations.common.validation.NamePatterns;

/**
 * Version indexes, the {@code latest} alias, and the name checks of path segments (request bodies carry their own
 * constraints); every check fails with a 400 naming the field.
 */
public final class Names {

    private static final Pattern ALIAS = Pattern.compile(NamePatterns.ALIAS);
    private static final Pattern TAG = Pattern.compile(NamePatterns.TAG);
    private static final Pattern VERSION = Pattern.compile("^v(\\d{1,9})$");

    /** The alias every collection moves to its newest version by itself. */
    public static final String LATEST = "latest";

    private Names() {
    }

    /** An alias a user sets or removes: any alias but {@code latest}, which follows the newest version. */
    public static String userAlias(String value, String field) {
        if (!ALIAS.matcher(value).matches()) {
            throw ApiException.badRequest("'" + field + "' must be 1-128 letters, digits, '_', '.' or '-', starting "
                    + "with a letter or digit, and may not look like a version index (v<digits>).", field);
        }
        if (LATEST.equals(value)) {
            throw ApiException.badRequest("'latest' always marks the newest version; it cannot be set or removed.",
                    field);
        }
        return value;
    }

    /** A tag named in a path. */
    public static String tag(String value, String field) {
        if (!TAG.matcher(value).matches()) {
            throw ApiException.badRequest("'" + field + "' must be 1-128 letters, digits, '_', '.', '=' or '-', "
                    + "starting with a letter or digit.", field);
        }
        return value;
    }

    /** The values in their first order without repeats; none for {@code null}. */
    public static List<String> distinct(List<String> values) {
        return values == null ? List.of() : List.copyOf(new LinkedHashSet<>(values));
    }

    /** The index of {@code vN}, or -1 when the text is not a version index. */
    public static int versionIndex(String value) {
        var m = VERSION.matcher(value);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    public static String version(int index) {
        return "v" + index;
    }
}
