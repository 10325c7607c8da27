package ai.automations.action.slack;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.automation.ActionSpec.Severity;
import ai.automations.common.template.TemplateVariables;

/**
 * Builds the Block Kit message of a notification: the title as a header, then, in an attachment coloured by
 * severity, the message, what happened (event, version or run/metric/value), who did it, and a link.
 */
public final class SlackMessages {

    static final String INFO_COLOR = "#2eb67d";
    static final String WARN_COLOR = "#ecb22e";
    static final String ERROR_COLOR = "#e01e5a";

    private static final int HEADER_MAX = 150;
    private static final int TEXT_MAX = 3000;
    private static final int FIELD_MAX = 2000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SlackMessages() {
    }

    /** The message body; {@code channel} is set for chat.postMessage and left out for incoming webhooks. */
    public static ObjectNode build(Notification n, String channel) {
        ObjectNode message = NODES.objectNode();
        if (channel != null) {
            message.put("channel", channel);
        }
        String summary = summary(n);
        message.put("text", truncate(n.title() + ": " + (n.message() == null || n.message().isBlank() ? summary : n.message()), TEXT_MAX));

        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.set("text", plain(truncate(n.title(), HEADER_MAX)));

        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("color", color(n.severity()));
        ArrayNode inner = attachment.putArray("blocks");
        if (n.message() != null && !n.message().isBlank()) {
            inner.addObject().put("type", "section").set("text", mrkdwn(truncate(escape(n.message()), TEXT_MAX)));
        }
        inner.addObject().put("type", "section").set("text", mrkdwn(truncate(summary, TEXT_MAX)));
        ObjectNode facts = inner.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        for (String[] fact : facts(n)) {
            fields.add(mrkdwn(truncate("*" + fact[0] + "*\n" + escape(fact[1]), FIELD_MAX)));
        }
        if (fields.isEmpty()) {
            facts.removeAll();
            inner.remove(inner.size() - 1);
        }
        ObjectNode context = inner.addObject().put("type", "context");
        context.putArray("elements").add(mrkdwn(truncate(contextLine(n), TEXT_MAX)));
        if (n.link() != null) {
            ObjectNode actions = inner.addObject().put("type", "actions");
            ObjectNode button = actions.putArray("elements").addObject().put("type", "button");
            button.set("text", plain("View executions"));
            button.put("url", n.link());
        }
        return message;
    }

    public static String color(Severity severity) {
        if (severity == null) {
            return INFO_COLOR;
        }
        return switch (severity) {
            case INFO -> INFO_COLOR;
            case WARN -> WARN_COLOR;
            case ERROR -> ERROR_COLOR;
        };
    }

    /** One sentence saying what happened. */
    static String summary(Notification n) {
        TemplateVariables v = n.variables();
        String version = bold(or(text(v, "artifact_version_string"), join(text(v, "artifact_collection_name"), text(v, "artifact_version"), ":")));
        String run = bold(or(text(v, "run_name"), text(v, "run_id")));
        String type = n.eventType() == null ? "" : n.eventType();
        return switch (type) {
            case "CREATE_ARTIFACT" -> "New version " + version + " was created";
            case "LINK_ARTIFACT" -> "Version " + version + " was linked";
            case "UNLINK_ARTIFACT" -> "Version " + version + " was unlinked";
            case "ADD_ARTIFACT_ALIAS" -> "Alias `" + escape(text(v, "alias")) + "` was added to " + version;
            case "ADD_ARTIFACT_TAG" -> "Tag `" + escape(text(v, "tag")) + "` was added to " + version;
            case "REMOVE_ARTIFACT_TAG" -> "Tag `" + escape(text(v, "tag")) + "` was removed from " + version;
            case "ADD_COLLECTION_TAG" -> "Tag `" + escape(text(v, "tag")) + "` was added to collection "
                    + bold(text(v, "artifact_collection_name"));
            case "REMOVE_COLLECTION_TAG" -> "Tag `" + escape(text(v, "tag")) + "` was removed from collection "
                    + bold(text(v, "artifact_collection_name"));
            case "RUN_STATE" -> "Run " + run + " is " + escape(text(v, "run_state"));
            case "RUN_METRIC_THRESHOLD", "RUN_METRIC_CHANGE", "RUN_METRIC_ZSCORE" -> "Run " + run + ": `"
                    + escape(text(v, "metric_name")) + "` is " + escape(text(v, "metric_value"));
            case "RUN_METRIC_DIVERGED" -> "Run " + run + ": `" + escape(text(v, "metric_name")) + "` diverged ("
                    + escape(text(v, "metric_value")) + ")";
            case "RUN_STALLED" -> "Run " + run + " has logged no history and looks stalled";
            default -> "Event " + escape(type);
        };
    }

    private static List<String[]> facts(Notification n) {
        TemplateVariables v = n.variables();
        List<String[]> facts = new ArrayList<>();
        add(facts, "Event", n.eventType());
        add(facts, "Version", text(v, "artifact_version_string"));
        add(facts, "Collection", text(v, "artifact_version_string") == null ? text(v, "artifact_collection_name") : null);
        add(facts, "Alias", text(v, "alias"));
        add(facts, "Tag", text(v, "tag"));
        add(facts, "Run", join(text(v, "run_name"), text(v, "run_id") == null ? null : "(" + text(v, "run_id") + ")", " "));
        add(facts, "State", text(v, "run_state"));
        add(facts, "Metric", text(v, "metric_name"));
        add(facts, "Value", text(v, "metric_value"));
        add(facts, "By", text(v, "event_author"));
        return facts.size() > 10 ? facts.subList(0, 10) : facts;
    }

    private static String contextLine(Notification n) {
        String who = text(n.variables(), "event_author");
        return (who == null ? "" : "by " + escape(who) + " · ") + "automation *" + escape(n.automationName())
                + "* in " + escape(n.entity());
    }

    private static void add(List<String[]> facts, String label, String value) {
        if (value != null && !value.isBlank()) {
            facts.add(new String[] { label, value });
        }
    }

    private static String text(TemplateVariables variables, String name) {
        if (variables == null) {
            return null;
        }
        JsonNode value = variables.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    private static String join(String a, String b, String separator) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + separator + b;
    }

    private static String bold(String text) {
        return text == null ? "(unknown)" : "*" + escape(text) + "*";
    }

    /** Slack's mrkdwn needs &, < and > escaped. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static ObjectNode plain(String text) {
        return NODES.objectNode().put("type", "plain_text").put("text", text.isEmpty() ? " " : text);
    }

    private static ObjectNode mrkdwn(String text) {
        return NODES.objectNode().put("type", "mrkdwn").put("text", text.isEmpty() ? " " : text);
    }
}
