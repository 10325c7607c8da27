package ai.automations.common.auth;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Adds this service's token to its calls on other services' {@code /internal} endpoints. */
public class ServiceTokenHeader implements ClientRequestFilter {

    private final AuthConfig config;

    public ServiceTokenHeader(AuthConfig config) {
        this.config = config;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + config.serviceToken());
    }
}
