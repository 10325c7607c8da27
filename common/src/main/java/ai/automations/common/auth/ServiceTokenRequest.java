package ai.automations.common.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A service token presented on {@code /internal}: one of the suite's own services calling. */
public final class ServiceTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public ServiceTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
