package ai.automations.registry.source;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.auth.EntityAdmin;
import ai.automations.registry.support.PageRequest;
import io.smallrye.mutiny.Uni;

/** An entity's sources (MLflow, the Hugging Face Hub): ADMIN only, as they decide what may write its registry. */
@Path("/api/v1/entities/{entity}/sources")
public class SourceResource {

    private final SourceService sources;
    private final CurrentCaller caller;

    public SourceResource(SourceService sources, CurrentCaller caller) {
        this.sources = sources;
        this.caller = caller;
    }

    @POST
    @EntityAdmin
    public Uni<Response> create(@PathParam("entity") String entity, @Valid @NotNull SourceRequest request) {
        return sources.create(caller.get(), entity, request).map(s -> Response.status(201).entity(s).build());
    }

    @GET
    @EntityAdmin
    public Uni<Response> list(@PathParam("entity") String entity, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return sources.list(entity, PageRequest.of(limit, cursor)).map(page -> page.toResponse(uri));
    }

    @GET
    @Path("/{name}")
    @EntityAdmin
    public Uni<SourceView> get(@PathParam("entity") String entity, @PathParam("name") String name) {
        return sources.get(entity, name);
    }

    @DELETE
    @Path("/{name}")
    @EntityAdmin
    public Uni<Response> delete(@PathParam("entity") String entity, @PathParam("name") String name) {
        return sources.delete(entity, name).replaceWith(Response.noContent().build());
    }
}
