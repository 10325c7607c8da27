package ai.automations.action.integration;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import ai.automations.common.auth.ServiceTokenHeader;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.integration.IntegrationDescriptor;
import io.smallrye.mutiny.Uni;

/** registry-service's internal API as action-service uses it: integrations, their disabling, automation state. */
@Path("/internal/v1")
@RegisterRestClient(configKey = "registry")
@RegisterProvider(ServiceTokenHeader.class)
public interface RegistryClient {

    /** The body of a disable call. */
    record DisableRequest(String reason) {
    }

    @GET
    @Path("/entities/{entity}/integrations/{name}")
    Uni<IntegrationDescriptor> integration(@PathParam("entity") String entity, @PathParam("name") String name);

    @POST
    @Path("/entities/{entity}/integrations/{name}/disable")
    Uni<Void> disable(@PathParam("entity") String entity, @PathParam("name") String name, DisableRequest request);

    @GET
    @Path("/automations/{id}")
    Uni<AutomationDefinition> automation(@PathParam("id") String id);
}
