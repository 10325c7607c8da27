package ai.automations.action.secret;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import ai.automations.common.auth.ServiceTokenHeader;
import ai.automations.common.secret.SecretResolution;
import ai.automations.common.tracing.Tracing;
import io.smallrye.mutiny.Uni;

/** secrets-service's internal resolve endpoint: the only way action-service learns a secret's value. */
@Path("/internal/v1/entities/{entity}/secrets")
@RegisterRestClient(configKey = "secrets")
@RegisterProvider(ServiceTokenHeader.class)
public interface SecretsClient {

    @POST
    @Path("/resolve")
    Uni<SecretResolution.Response> resolve(@PathParam("entity") String entity,
            @HeaderParam(Tracing.TRACEPARENT) String traceparent, SecretResolution.Request request);
}
