package ai.automations.registry.auth;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import ai.automations.common.auth.Caller;
import ai.automations.common.error.ApiException;
import io.smallrye.mutiny.Uni;

/** The other services' way to authenticate an API key (service token required, checked by the auth filter). */
@Path("/internal/v1/auth")
public class IntrospectionResource {

    private final LocalApiKeyAuthenticator authenticator;

    public IntrospectionResource(LocalApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @POST
    @Path("/introspect")
    public Uni<Caller> introspect(AuthViews.Introspection request) {
        if (request == null || request.apiKey() == null || request.apiKey().isBlank()) {
            throw ApiException.badRequest("'apiKey' is required.", "apiKey");
        }
        return authenticator.authenticate(request.apiKey()).onItem().ifNull()
                .failWith(() -> ApiException.unauthorized("The API key is not valid."));
    }
}
