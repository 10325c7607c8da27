package ai.automations.registry.container;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import ai.automations.common.auth.EntityMember;
import ai.automations.common.auth.EntityViewer;
import ai.automations.registry.entity.NameRequest;
import ai.automations.registry.support.PageRequest;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST}, list and {@code GET /{name}} of an entity's projects or registries; each kind's resource is this
 * under its own path.
 */
public abstract class ContainerResource<V> {

    private final ContainerService<?, V> containers;

    protected ContainerResource(ContainerService<?, V> containers) {
        this.containers = containers;
    }

    @POST
    @EntityMember
    public Uni<Response> create(@PathParam("entity") String entity, @Valid @NotNull NameRequest request) {
        return containers.create(entity, request).map(c -> Response.status(201).entity(c).build());
    }

    @GET
    @EntityViewer
    public Uni<Response> list(@PathParam("entity") String entity, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return containers.list(entity, PageRequest.of(limit, cursor)).map(page -> page.toResponse(uri));
    }

    @GET
    @Path("/{name}")
    @EntityViewer
    public Uni<V> get(@PathParam("entity") String entity, @PathParam("name") String name) {
        return containers.get(entity, name);
    }
}
