package ai.automations.common;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.auth.ApiKeyIntrospectionClient;
import ai.automations.common.auth.Caller;
import ai.automations.common.auth.Role;
import ai.automations.common.automation.ActionSpec;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.AutomationScope;
import ai.automations.common.automation.Comparison;
import ai.automations.common.automation.DefinitionsReader;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.EventTrigger;
import ai.automations.common.automation.RunState;
import ai.automations.common.error.ApiError;
import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricBatch;
import ai.automations.common.event.RunMetricEventData;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.common.event.RunStateEventData;
import ai.automations.common.integration.IntegrationDescriptor;
import ai.automations.common.secret.SecretChange;
import ai.automations.common.secret.SecretResolution;
import ai.automations.common.automation.RateLimit;
import ai.automations.common.event.RunStalledEventData;
import ai.automations.common.integration.SignatureFormat;
import ai.automations.common.where.WhereField;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers common's records and enums for reflection in native executables. Quarkus registers the types of REST
 * resource and REST client signatures by itself, but not what the services turn into JSON by hand (Kafka messages,
 * outbox rows, payload templates): Jackson needs their constructors and accessors at run time. Every public record
 * and enum of common is listed here; NativeReflectionTest fails when one is missing.
 */
@RegisterForReflection(targets = {
        ActionRequest.class,
        ApiKeyIntrospectionClient.Introspection.class,
        Caller.class,
        Role.class,
        ActionSpec.class,
        ActionSpec.ActionType.class,
        ActionSpec.Severity.class,
        AutomationDefinition.class,
        AutomationScope.class,
        AutomationScope.ScopeType.class,
        Comparison.class,
        DefinitionsReader.Settings.class,
        DefinitionsReader.Status.class,
        EventFilter.class,
        EventFilter.Aggregation.class,
        EventFilter.ChangeType.class,
        EventFilter.ChangeDirection.class,
        EventTrigger.class,
        RunState.class,
        ApiError.class,
        ArtifactEventData.class,
        CloudEvent.class,
        EventType.class,
        RunMetricBatch.class,
        RunMetricBatch.Step.class,
        RunMetricEventData.class,
        RunMetricRecord.class,
        RunStateEventData.class,
        IntegrationDescriptor.class,
        IntegrationDescriptor.Kind.class,
        SignatureFormat.class,
        RateLimit.class,
        RunStalledEventData.class,
        WhereField.class,
        SecretResolution.Request.class,
        SecretResolution.Response.class,
        SecretChange.class,
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
