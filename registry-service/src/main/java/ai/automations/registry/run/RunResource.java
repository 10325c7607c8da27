package ai.automations.registry.run;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.auth.EntityMember;
import ai.automations.common.auth.EntityViewer;
import ai.automations.registry.run.RunViews.RunView;
import ai.automations.registry.support.PageRequest;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/entities/{entity}/projects/{project}/runs")
public class RunResource {

    private final RunService runs;
    private final RunHistoryService history;
    private final CurrentCaller caller;

    public RunResource(RunService runs, RunHistoryService history, CurrentCaller caller) {
        this.runs = runs;
        this.history = history;
        this.caller = caller;
    }

    @POST
    @EntityMember
    public Uni<Response> create(@PathParam("entity") String entity, @PathParam("project") String project,
            @Valid @NotNull RunViews.CreateRun request) {
        return runs.create(caller.get(), entity, project, request).map(r -> Response.status(201).entity(r).build());
    }

    @GET
    @EntityViewer
    public Uni<Response> list(@PathParam("entity") String entity, @PathParam("project") String project,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return runs.list(entity, project, PageRequest.of(limit, cursor)).map(page -> page.toResponse(uri));
    }

    @GET
    @Path("/{runId}")
    @EntityViewer
    public Uni<RunView> get(@PathParam("entity") String entity, @PathParam("project") String project,
            @PathParam("runId") String runId) {
        return runs.get(entity, project, runId);
    }

    @PATCH
    @Path("/{runId}")
    @EntityMember
    public Uni<RunView> update(@PathParam("entity") String entity, @PathParam("project") String project,
            @PathParam("runId") String runId, @Valid @NotNull RunViews.UpdateRun request) {
        return runs.update(caller.get(), entity, project, runId, request);
    }

    /** Logs one point or an array of up to 10,000; 202 once every metric record is on Kafka. */
    @POST
    @Path("/{runId}/history")
    @EntityMember
    public Uni<Response> history(@PathParam("entity") String entity, @PathParam("project") String project,
            @PathParam("runId") String runId, JsonNode body) {
        return history.log(entity, project, runId, body).map(a -> Response.accepted(a).build());
    }
}
