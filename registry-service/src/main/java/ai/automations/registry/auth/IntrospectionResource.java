package ai.automations.registry.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import ai.automations.common.auth.Caller;
import ai.automations.common.auth.CallerIdentity;
import ai.automations.common.error.ApiException;
import io.smallrye.mutiny.Uni;

/** The other services' way to authenticate an API key; only they, with a service token, may ask. */
@Path("/internal/v1/auth")
@RolesAllowed(CallerIdentity.SERVICE)
public class IntrospectionResource {

    private final DatabaseApiKeyIdentityProvider keys;

    public IntrospectionResource(DatabaseApiKeyIdentityProvider keys) {
        this.keys = keys;
    }

    @POST
    @Path("/introspect")
    public Uni<Caller> introspect(AuthViews.Introspection request) {
        if (request == null || request.apiKey() == null || request.apiKey().isBlank()) {
            throw ApiException.badRequest("'apiKey' is required.", "apiKey");
        }
        return keys.caller(request.apiKey()).onItem().ifNull()
                .failWith(() -> ApiException.unauthorized("The API key is not valid."));
    }
}
