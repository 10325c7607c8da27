package ai.automations.action.execution;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import ai.automations.common.auth.CallerIdentity;
import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.auth.EntityViewer;
import io.smallrye.mutiny.Uni;

/** The contract's execution history: per automation, one execution, and redelivery. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionResource {

    private final ExecutionService service;
    private final CurrentCaller caller;

    public ExecutionResource(ExecutionService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    /** Newest first. VIEWER in {@code entity} is required. */
    @GET
    @Path("/entities/{entity}/automations/{id}/executions")
    @EntityViewer
    public Uni<List<ExecutionView>> history(@PathParam("entity") String entity, @PathParam("id") String automationId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(ExecutionService.MAX_LIMIT) int limit) {
        return service.history(entity, automationId, limit);
    }

    @GET
    @Path("/executions/{id}")
    @RolesAllowed(CallerIdentity.USER)
    public Uni<ExecutionView> get(@PathParam("id") String id) {
        return service.get(id, caller.get());
    }

    @POST
    @Path("/executions/{id}/redeliver")
    @RolesAllowed(CallerIdentity.USER)
    public Uni<Response> redeliver(@PathParam("id") String id) {
        return service.redeliver(id, caller.get()).map(view -> Response.accepted(view).build());
    }
}
