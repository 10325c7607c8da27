package ai.automations.common.automation;

import ai.automations.common.event.EventType;

/** The event an automation waits for and the filter that narrows it. */
public record EventTrigger(EventType type, EventFilter filter) {
}
