package ai.automations.common.auth;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.error.ApiException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller of the current request, read from the {@link SecurityIdentity} Quarkus Security established for it.
 * For the services, which need the caller's name and roles (authorship, audit, checks against an entity found by id).
 */
@ApplicationScoped
public class CurrentCaller {

    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        Caller caller = CallerIdentity.callerOf(identity);
        if (caller == null) {
            throw ApiException.unauthorized("Authentication required.");
        }
        return caller;
    }
}
