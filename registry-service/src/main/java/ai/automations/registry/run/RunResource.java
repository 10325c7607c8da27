package ai.automations.registry.run;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.auth.EntityMember;
import ai.automations.common.auth.EntityViewer;
import ai.automations.registry.run.RunViews.RunHistory;
import ai.automations.registry.run.RunViews.RunMetrics;
import ai.automations.registry.run.RunViews.RunView;
import ai.automations.registry.support.PageRequest;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/entities/{entity}/projects/{project}/runs")
public class RunResource {

    /** A history read's limit is text checked here, so that a non-number is a 400 naming it like a bad number. */
    private static final String READ_LIMIT = "must be a whole number from 1 to " + RunHistoryService.MAX_READ_LIMIT;

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

    /** Each metric's points by step (all metrics unless {@code metric} names some), evenly thinned to {@code limit}. */
    @GET
    @Path("/{runId}/history")
    @EntityViewer
    public Uni<RunHistory> history(@PathParam("entity") String entity, @PathParam("project") String project,
            @PathParam("runId") String runId, @QueryParam("metric") List<String> metric,
            @QueryParam("limit") @DefaultValue("" + RunHistoryService.DEFAULT_READ_LIMIT)
            @Pattern(regexp = "[0-9]{1,9}", message = READ_LIMIT) @Min(value = 1, message = READ_LIMIT)
            @Max(value = RunHistoryService.MAX_READ_LIMIT, message = READ_LIMIT) String limit) {
        return history.read(entity, project, runId, metric, Integer.parseInt(limit));
    }

    /** The run's metric names, each with its number of points, min, max and last point. */
    @GET
    @Path("/{runId}/metrics")
    @EntityViewer
    public Uni<RunMetrics> metrics(@PathParam("entity") String entity, @PathParam("project") String project,
            @PathParam("runId") String runId) {
        return history.metrics(entity, project, runId);
    }

    /**
     * Logs one point or an array of up to 10,000; 202 once the points are stored and on Kafka. The body is read (on a
     * worker thread) by {@link HistoryJson}, which takes Python's bare {@code NaN}/{@code Infinity} tokens.
     */
    @POST
    @Path("/{runId}/history")
    @EntityMember
    public Uni<Response> log(@PathParam("entity") String entity, @PathParam("project") String project,
            @PathParam("runId") String runId, byte[] body) {
        return history.log(entity, project, runId, body).map(a -> Response.accepted(a).build());
    }
}
