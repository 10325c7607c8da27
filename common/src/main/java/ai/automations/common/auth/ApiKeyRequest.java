package ai.automations.common.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented on {@code /api}: what an {@link io.quarkus.security.identity.IdentityProvider} turns into a user. */
public final class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String apiKey;

    public ApiKeyRequest(String apiKey) {
        this.apiKey = apiKey;
    }

    public String apiKey() {
        return apiKey;
    }
}
