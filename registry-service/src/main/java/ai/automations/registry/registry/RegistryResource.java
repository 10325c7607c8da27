package ai.automations.registry.registry;

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

@Path("/api/v1/entities/{entity}/registries")
public class RegistryResource {

    private final RegistryService registries;

    public RegistryResource(RegistryService registries) {
        this.registries = registries;
    }

    @POST
    @EntityMember
    public Uni<Response> create(@PathParam("entity") String entity, @Valid @NotNull NameRequest request) {
        return registries.create(entity, request).map(r -> Response.status(201).entity(r).build());
    }

    @GET
    @EntityViewer
    public Uni<Response> list(@PathParam("entity") String entity, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return registries.list(entity, PageRequest.of(limit, cursor)).map(page -> page.toResponse(uri));
    }

    @GET
    @Path("/{registry}")
    @EntityViewer
    public Uni<RegistryView> get(@PathParam("entity") String entity, @PathParam("registry") String registry) {
        return registries.get(entity, registry);
    }
}
