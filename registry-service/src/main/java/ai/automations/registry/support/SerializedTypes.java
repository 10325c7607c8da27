package ai.automations.registry.support;

import ai.automations.common.automation.ActionSpec;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.AutomationScope;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.EventTrigger;
import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.common.event.RunStateEventData;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types this service writes and reads with Jackson outside REST bodies (outbox rows, Kafka records, stored JSON), so
 * that a native build keeps what Jackson needs of them.
 */
@RegisterForReflection(targets = { CloudEvent.class, ArtifactEventData.class, RunStateEventData.class,
        RunMetricRecord.class, AutomationDefinition.class, AutomationScope.class, EventTrigger.class,
        EventFilter.class, ActionSpec.class })
public final class SerializedTypes {

    private SerializedTypes() {
    }
}
