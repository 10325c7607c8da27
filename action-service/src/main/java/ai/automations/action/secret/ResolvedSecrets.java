package ai.automations.action.secret;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import ai.automations.common.template.PayloadTemplate;

/**
 * The secret values one delivery needs, held only in memory for that delivery. {@link #redact} removes every one of
 * them from text that will be stored, logged or returned (a receiver may echo a token back in its response, raw or JSON-escaped).
 */
public final class ResolvedSecrets {

    private static final JsonStringEncoder JSON_ESCAPER = JsonStringEncoder.getInstance();

    /** Values shorter than this are not searched for in text (they would mangle it without protecting anything). */
    private static final int MIN_REDACTED_LENGTH = 3;

    private final Map<String, String> values;
    private final Set<String> missing;
    private final List<String> byLength;

    public ResolvedSecrets(Map<String, String> values, Set<String> missing) {
        this.values = Map.copyOf(values);
        this.missing = Set.copyOf(missing);
        List<String> sorted = new ArrayList<>();
        for (String value : values.values()) {
            if (value != null && value.length() >= MIN_REDACTED_LENGTH) {
                for (String form : forms(value)) {
                    sorted.add(form);
                    for (String part : form.split("\\s+")) {
                        if (part.length() >= MIN_REDACTED_LENGTH && !part.equals(form)) {
                            sorted.add(part);
                        }
                    }
                }
            }
        }
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.byLength = List.copyOf(sorted);
    }

    /**
     * How a value can appear in text a receiver sends back: as is, JSON-escaped once (it was inside the JSON payload
     * we sent) and twice (that payload was quoted again as a JSON string).
     */
    private static Set<String> forms(String value) {
        String once = new String(JSON_ESCAPER.quoteAsString(value));
        String twice = new String(JSON_ESCAPER.quoteAsString(once));
        return new LinkedHashSet<>(List.of(value, once, twice));
    }

    public static ResolvedSecrets none() {
        return new ResolvedSecrets(Map.of(), Set.of());
    }

    public String value(String name) {
        return name == null ? null : values.get(name);
    }

    public Map<String, String> values() {
        return values;
    }

    public boolean isMissing(String name) {
        return name != null && missing.contains(name);
    }

    /** The text with every secret value (raw or JSON-escaped, and every space-separated part) replaced by {@code ***}. */
    public String redact(String text) {
        if (text == null || byLength.isEmpty()) {
            return text;
        }
        String out = text;
        for (String value : byLength) {
            out = out.replace(value, PayloadTemplate.REDACTED);
        }
        return out;
    }
}
