package ai.automations.registry.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.error.ApiException;
import ai.automations.common.validation.NamePatterns;

/**
 * Reading webhook bodies field by field (a missing or mistyped field is a 400 naming its JSON path) and turning an
 * external registry's names into this registry's (collection names, tags), which allow fewer characters.
 */
final class Payloads {

    private static final Pattern NAME = Pattern.compile(NamePatterns.NAME);
    private static final Pattern ALIAS = Pattern.compile(NamePatterns.ALIAS);
    private static final Pattern NOT_NAME_CHAR = Pattern.compile("[^A-Za-z0-9_.-]");
    private static final Pattern LEADING = Pattern.compile("^[^A-Za-z0-9]+");
    private static final int MAX = 128;

    private Payloads() {
    }

    /** A required object field. */
    static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("'" + path + "' must be a JSON object.", path);
        }
        return node;
    }

    /** A required, non-empty text field. */
    static String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw ApiException.badRequest("'" + path + "' must be a non-empty string.", path);
        }
        return node.asText();
    }

    /** An optional text field: {@code null} when absent or null. */
    static String optionalText(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("'" + path + "' must be a string.", path);
        }
        return node.asText();
    }

    /**
     * A collection name for an external name: characters this registry does not allow become {@code -} (a
     * {@code /} becomes {@code --}), leading ones are dropped, at most 128 are kept; {@code null} when none remain.
     */
    static String collectionName(String external) {
        String name = LEADING.matcher(NOT_NAME_CHAR.matcher(external.replace("/", "--")).replaceAll("-"))
                .replaceFirst("");
        name = name.length() > MAX ? name.substring(0, MAX) : name;
        return NAME.matcher(name).matches() ? name : null;
    }

    /** {@code key=value} as a tag (other characters become {@code _}, at most 128 kept); {@code null} if none. */
    static String tag(String key, String value) {
        String k = LEADING.matcher(NOT_NAME_CHAR.matcher(key).replaceAll("_")).replaceFirst("");
        if (k.isEmpty()) {
            return null;
        }
        String tag = value == null ? k : k + "=" + NOT_NAME_CHAR.matcher(value).replaceAll("_");
        return tag.length() > MAX ? tag.substring(0, MAX) : tag;
    }

    /** The prefix every {@link #tag} of {@code key} starts with. */
    static String tagPrefix(String key) {
        return tag(key, "");
    }

    /** A tag from a git tag name, or {@code null} when nothing valid remains. */
    static String gitTag(String name) {
        String tag = LEADING.matcher(NOT_NAME_CHAR.matcher(name).replaceAll("_")).replaceFirst("");
        tag = tag.length() > MAX ? tag.substring(0, MAX) : tag;
        return NAME.matcher(tag).matches() ? tag : null;
    }

    /** True when this registry can hold {@code alias} as given (MLflow's own alias rules are close to ours). */
    static boolean validAlias(String alias) {
        return ALIAS.matcher(alias).matches() && !"latest".equals(alias.toLowerCase(Locale.ROOT));
    }

    /** Hex SHA-256 of the parts joined by a separator no part can hold unnoticed (the key of a Hub delivery). */
    static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
