package ai.automations.action.slack;

import ai.automations.common.automation.ActionSpec.Severity;
import ai.automations.common.template.TemplateVariables;

/** What a Slack message is about: its title and text (already rendered), severity, the event and a link. */
public record Notification(
        String title,
        String message,
        Severity severity,
        String eventType,
        TemplateVariables variables,
        String automationName,
        String entity,
        String link) {
}
