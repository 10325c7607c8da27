package ai.automations.secrets.audit;

import ai.automations.common.auth.Caller;

/**
 * Who an audited operation is attributed to: a user (id and name), or a service acting for an automation's
 * execution.
 */
public record Actor(String type, String id, String name, String automationId, String executionId) {

    public static final String USER = "USER";
    public static final String SERVICE = "SERVICE";

    public static Actor of(Caller caller) {
        return caller.isService()
                ? new Actor(SERVICE, caller.service(), caller.service(), null, null)
                : new Actor(USER, caller.userId(), caller.name(), null, null);
    }

    public static Actor serviceFor(Caller caller, String automationId, String executionId) {
        return new Actor(SERVICE, caller.service(), caller.service(), automationId, executionId);
    }

    /** How the actor is recorded in a secret's created-by/updated-by. */
    public String label() {
        return (USER.equals(type) ? "user:" : "service:") + (id != null ? id : name);
    }
}
