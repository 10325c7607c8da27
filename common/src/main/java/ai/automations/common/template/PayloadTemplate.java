package ai.automations.common.template;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An action payload with {@code ${variable}} placeholders in its string values. A string that is exactly one
 * placeholder takes the value's JSON type; placeholders inside longer strings are replaced by the value's text.
 * Unknown or inapplicable variables render as empty. Used by action-service to send and by trigger-service to
 * preview (dry-run), so both render identically.
 */
public final class PayloadTemplate {

    /** What a secret's value is replaced by wherever a payload is shown or stored. */
    public static final String REDACTED = "***";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.\\-]*)}");
    private static final Pattern WHOLE = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_.\\-]*)}$");

    /** The contract's secret names; any other placeholder that is not an event variable renders as empty. */
    private static final Pattern SECRET_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");

    private final JsonNode template;

    public PayloadTemplate(JsonNode template) {
        this.template = template == null || template.isNull() ? JsonNodeFactory.instance.objectNode() : template;
    }

    /**
     * The secret names the payload refers to ({@code ACCESS_TOKEN} included), to resolve before rendering. Only valid
     * secret names are returned: a placeholder such as {@code ${not-a-secret}} can name no secret and renders empty.
     */
    public Set<String> secretNames() {
        Set<String> names = new LinkedHashSet<>();
        collect(template, names);
        return names;
    }

    /**
     * Renders the payload. {@code secrets} maps secret variable names (including {@code ACCESS_TOKEN}) to values;
     * pass {@link #redacted} of the names to get the form that may be shown or stored.
     */
    public JsonNode render(TemplateVariables variables, Map<String, String> secrets) {
        return render(template, name -> lookup(name, variables, secrets));
    }

    /** Every name mapped to {@link #REDACTED}. */
    public static Map<String, String> redacted(Set<String> names) {
        Map<String, String> values = new java.util.HashMap<>();
        names.forEach(name -> values.put(name, REDACTED));
        return values;
    }

    private static JsonNode lookup(String name, TemplateVariables variables, Map<String, String> secrets) {
        if (TemplateVariables.isEventVariable(name)) {
            return variables.get(name);
        }
        if (!SECRET_NAME.matcher(name).matches()) {
            return null;
        }
        String secret = secrets.get(name);
        return secret == null ? null : JsonNodeFactory.instance.textNode(secret);
    }

    private static JsonNode render(JsonNode node, Function<String, JsonNode> lookup) {
        if (node.isTextual()) {
            return renderText(node.asText(), lookup);
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> out.set(e.getKey(), render(e.getValue(), lookup)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(render(element, lookup)));
            return out;
        }
        return node;
    }

    private static JsonNode renderText(String text, Function<String, JsonNode> lookup) {
        Matcher whole = WHOLE.matcher(text);
        if (whole.matches()) {
            JsonNode value = lookup.apply(whole.group(1));
            return value == null ? JsonNodeFactory.instance.textNode("") : value;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = lookup.apply(m.group(1));
            String replacement = value == null ? "" : value.isValueNode() ? value.asText() : value.toString();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return JsonNodeFactory.instance.textNode(out.toString());
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isTextual()) {
            Matcher m = PLACEHOLDER.matcher(node.asText());
            while (m.find()) {
                if (!TemplateVariables.isEventVariable(m.group(1)) && SECRET_NAME.matcher(m.group(1)).matches()) {
                    names.add(m.group(1));
                }
            }
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, names));
        }
    }
}
