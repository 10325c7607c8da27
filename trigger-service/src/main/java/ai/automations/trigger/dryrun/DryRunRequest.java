package ai.automations.trigger.dryrun;

import ai.automations.common.event.CloudEvent;

/** The body of a dry-run: the event to evaluate the automation against. */
public record DryRunRequest(CloudEvent event) {
}
