package ai.automations.action.integration;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.error.RequestErrors;
import ai.automations.common.auth.EntityAdmin;
import ai.automations.common.error.ApiException;
import io.smallrye.mutiny.Uni;

/** The contract's integration test call. Integrations are the entity admins' to manage, so is testing them. */
@Path("/api/v1/entities/{entity}/integrations/{name}/test")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationTestResource {

    private final IntegrationTestService service;
    private final CurrentCaller caller;
    private final ObjectMapper json;

    public IntegrationTestResource(IntegrationTestService service, CurrentCaller caller, ObjectMapper json) {
        this.service = service;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @EntityAdmin
    public Uni<TestCallResult> test(@PathParam("entity") String entity, @PathParam("name") String name, String body) {
        JsonNode payload;
        try {
            payload = body == null || body.isBlank() ? null : json.readValue(body, TestCallRequest.class).payload();
        } catch (JsonProcessingException e) {
            throw RequestErrors.json(e);
        }
        return service.test(entity, name, payload, caller.get().name());
    }
}
