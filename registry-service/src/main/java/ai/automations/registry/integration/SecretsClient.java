package ai.automations.registry.integration;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.auth.ServiceTokenHeader;
import io.smallrye.mutiny.Uni;

/** secrets-service's internal API: does a secret exist (its metadata, never its value)? */
@Path("/internal/v1/entities/{entity}/secrets")
@RegisterRestClient(configKey = "secrets")
@RegisterProvider(ServiceTokenHeader.class)
public interface SecretsClient {

    @GET
    @Path("/{name}")
    Uni<JsonNode> metadata(@PathParam("entity") String entity, @PathParam("name") String name);
}
