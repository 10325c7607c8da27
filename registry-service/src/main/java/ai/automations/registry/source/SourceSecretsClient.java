package ai.automations.registry.source;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import ai.automations.common.auth.ServiceTokenHeader;
import ai.automations.common.secret.SecretResolution;
import io.smallrye.mutiny.Uni;

/** secrets-service's internal resolve endpoint: the value of a source's signing secret, to verify deliveries. */
@Path("/internal/v1/entities/{entity}/secrets")
@RegisterRestClient(configKey = "secrets")
@RegisterProvider(ServiceTokenHeader.class)
public interface SourceSecretsClient {

    @POST
    @Path("/resolve")
    Uni<SecretResolution.Response> resolve(@PathParam("entity") String entity, SecretResolution.Request request);
}
