package ai.automations.registry.integration;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import ai.automations.common.auth.CallerIdentity;
import ai.automations.common.integration.IntegrationDescriptor;
import io.smallrye.mutiny.Uni;

/** Integrations for the suite's own services (service callers only). */
@Path("/internal/v1/entities/{entity}")
@RolesAllowed(CallerIdentity.SERVICE)
public class InternalIntegrationResource {

    /** {@code POST .../disable}. */
    public record DisableRequest(@Size(max = 1000) String reason) {
    }

    /** The integrations that name a secret. */
    public record SecretReferences(List<String> integrations) {
    }

    private final IntegrationService integrations;

    public InternalIntegrationResource(IntegrationService integrations) {
        this.integrations = integrations;
    }

    @GET
    @Path("/integrations/{name}")
    public Uni<IntegrationDescriptor> descriptor(@PathParam("entity") String entity, @PathParam("name") String name) {
        return integrations.get(entity, name);
    }

    @POST
    @Path("/integrations/{name}/disable")
    public Uni<Response> disable(@PathParam("entity") String entity, @PathParam("name") String name,
            @Valid DisableRequest request) {
        return integrations.disable(entity, name, request == null ? null : request.reason())
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/secret-references/{secret}")
    public Uni<SecretReferences> secretReferences(@PathParam("entity") String entity,
            @PathParam("secret") String secret) {
        return integrations.referencing(entity, secret).map(SecretReferences::new);
    }
}
