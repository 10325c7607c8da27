package ai.automations.common.automation;

import ai.automations.common.validation.ResourceName;

/**
 * Where an automation listens: the whole entity, one project, one registry, or one collection (of a project or of a
 * registry). Only the fields its type needs are set.
 */
public record AutomationScope(ScopeType type, @ResourceName String project, @ResourceName String registry,
        @ResourceName String collection) {

    /** The kinds of scope. */
    public enum ScopeType {
        ENTITY, PROJECT, REGISTRY, ARTIFACT_COLLECTION
    }
}
