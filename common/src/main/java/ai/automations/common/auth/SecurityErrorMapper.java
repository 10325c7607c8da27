package ai.automations.common.auth;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import ai.automations.common.error.ApiError;
import ai.automations.common.error.RouteLabel;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Gives Quarkus Security's refusals, which have empty bodies of their own, the contract's JSON error. A refusal that
 * comes before routing is labelled by area in the HTTP metrics, never by the path the caller made up.
 */
public class SecurityErrorMapper {

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return unauthenticated(request, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return unauthenticated(request, null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(403, new ApiError("FORBIDDEN", "You may not do this.", null));
    }

    private static Response unauthenticated(HttpServerRequest request, String reason) {
        boolean internal = request.path().startsWith(BearerAuthenticationMechanism.INTERNAL);
        RouteLabel.labelUnrouted(Vertx.currentContext(),
                internal ? RouteLabel.UNAUTHENTICATED_INTERNAL : RouteLabel.UNAUTHENTICATED_API);
        String message = internal ? BearerAuthenticationMechanism.SERVICE_TOKEN_NEEDED
                : BearerAuthenticationMechanism.INVALID_API_KEY.equals(reason) ? reason
                : "Send an API key: Authorization: Bearer <api-key>.";
        return respond(401, new ApiError("UNAUTHORIZED", message, null));
    }

    private static Response respond(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
