package ai.automations.secrets.secret;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import ai.automations.common.auth.Caller;
import ai.automations.common.auth.CallerIdentity;
import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.error.ApiException;
import ai.automations.common.secret.SecretResolution;
import ai.automations.secrets.audit.Actor;
import ai.automations.secrets.config.SecretsConfig;
import io.smallrye.mutiny.Uni;

/**
 * The suite's internal secrets API (docs/internal-api.md): values for action-service only, metadata for any of the
 * suite's services (registry-service checks that an integration's secrets exist).
 */
@Path("/internal/v1/entities/{entity}/secrets")
@RolesAllowed(CallerIdentity.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalSecretResource {

    private final SecretService service;
    private final CurrentCaller caller;
    private final SecretsConfig config;

    public InternalSecretResource(SecretService service, CurrentCaller caller, SecretsConfig config) {
        this.service = service;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @Path("/resolve")
    public Uni<RestResponse<SecretResolution.Response>> resolve(@PathParam("entity") String entity,
            SecretResolution.Request request) {
        Caller service = caller.get();
        if (!service.isService() || !config.resolveCallers().contains(service.service())) {
            throw ApiException.forbidden("Only " + String.join(", ", config.resolveCallers()) + " may resolve secret values.");
        }
        return this.service.resolve(entity, request, Actor.serviceFor(service,
                request == null ? null : request.automationId(), request == null ? null : request.executionId()))
                .map(response -> RestResponse.ResponseBuilder.ok(response)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    @GET
    @Path("/{name}")
    public Uni<SecretMetadata> metadata(@PathParam("entity") String entity, @PathParam("name") String name) {
        return service.metadata(entity, name);
    }
}
