package ai.automations.common.auth;

import ai.automations.common.error.ApiError;
import ai.automations.common.error.RouteLabel;
import io.vertx.core.Vertx;

/**
 * The contract's error bodies for callers Quarkus Security turns away, in one place for both ways a refusal is
 * answered: by the mechanism's challenge (before routing) and by the REST exception mappers.
 */
final class Refusals {

    static final String INVALID_API_KEY = "The API key is not valid.";
    static final String SERVICE_TOKEN_NEEDED = "Internal endpoints need a service token.";
    static final String API_KEY_NEEDED = "Send an API key: Authorization: Bearer <api-key>.";

    private Refusals() {
    }

    /**
     * The 401 for a request to {@code path} that is not authenticated, {@code reason} being the mechanism's message
     * if it refused a token. The request is labelled by area in the HTTP metrics, never by a path the caller made up.
     */
    static ApiError unauthenticated(String path, String reason) {
        boolean internal = path != null && path.startsWith(BearerAuthenticationMechanism.INTERNAL);
        RouteLabel.labelUnrouted(Vertx.currentContext(),
                internal ? RouteLabel.UNAUTHENTICATED_INTERNAL : RouteLabel.UNAUTHENTICATED_API);
        String message = internal ? SERVICE_TOKEN_NEEDED : INVALID_API_KEY.equals(reason) ? reason : API_KEY_NEEDED;
        return new ApiError("UNAUTHORIZED", message, null);
    }
}
