package ai.automations.console.ui.web;

import java.util.Arrays;
import java.util.List;

/** Reading form fields the API wants in another shape. */
public final class Forms {

    private Forms() {
    }

    /** "a, b ,c" → [a, b, c]; blank → empty. */
    public static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A trimmed value, or null when blank (the API then applies its default or names the missing field). */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
