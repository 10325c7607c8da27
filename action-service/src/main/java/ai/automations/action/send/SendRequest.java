package ai.automations.action.send;

import ai.automations.common.automation.ActionSpec;
import ai.automations.common.integration.IntegrationDescriptor;
import ai.automations.common.template.TemplateVariables;

/**
 * One thing to send through one integration: the action (its payload, or a notification's title, message and
 * severity), the variables to render it with, and who it is for. {@code executionId} and {@code webhookId} identify
 * the attempt towards the secrets audit and the receiver; {@code lane} is where its call counts against the limits.
 */
public record SendRequest(
        String entity,
        String automationId,
        String automationName,
        String executionId,
        String webhookId,
        String eventType,
        String lane,
        TemplateVariables variables,
        ActionSpec action,
        IntegrationDescriptor integration) {
}
