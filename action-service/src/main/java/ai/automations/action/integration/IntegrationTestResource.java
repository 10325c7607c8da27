package ai.automations.action.integration;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.auth.RequiresRole;
import ai.automations.common.auth.Role;
import io.smallrye.mutiny.Uni;

/** The contract's integration test call. Integrations are the entity admins' to manage, so is testing them. */
@Path("/api/v1/entities/{entity}/integrations/{name}/test")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationTestResource {

    private final IntegrationTestService service;
    private final CurrentCaller caller;

    public IntegrationTestResource(IntegrationTestService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RequiresRole(Role.ADMIN)
    public Uni<TestCallResult> test(@PathParam("entity") String entity, @PathParam("name") String name,
            TestCallRequest request) {
        return service.test(entity, name, request == null ? null : request.payload(), caller.get().name());
    }
}
