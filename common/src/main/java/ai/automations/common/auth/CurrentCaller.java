package ai.automations.common.auth;

import jakarta.enterprise.context.RequestScoped;

import ai.automations.common.error.ApiException;

/** The authenticated caller of the current request, set by {@link AuthFilter}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            throw ApiException.unauthorized("Authentication required.");
        }
        return caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }
}
