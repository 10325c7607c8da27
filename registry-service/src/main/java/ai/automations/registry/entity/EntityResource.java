package ai.automations.registry.entity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import ai.automations.common.auth.CallerIdentity;
import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.auth.EntityViewer;
import ai.automations.registry.support.PageRequest;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/entities")
public class EntityResource {

    private final EntityService entities;
    private final CurrentCaller caller;

    public EntityResource(EntityService entities, CurrentCaller caller) {
        this.entities = entities;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(CallerIdentity.USER)
    public Uni<Response> create(@Valid @NotNull NameRequest request) {
        return entities.create(caller.get(), request).map(e -> Response.status(201).entity(e).build());
    }

    @GET
    @RolesAllowed(CallerIdentity.USER)
    public Uni<Response> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return entities.list(caller.get(), PageRequest.of(limit, cursor)).map(page -> page.toResponse(uri));
    }

    @GET
    @Path("/{entity}")
    @EntityViewer
    public Uni<EntityView> get(@PathParam("entity") String entity) {
        return entities.get(caller.get(), entity);
    }
}
