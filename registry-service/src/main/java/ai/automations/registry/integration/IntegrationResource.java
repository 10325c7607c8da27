package ai.automations.registry.integration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.ConvertGroup;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.auth.EntityAdmin;
import ai.automations.common.auth.EntityViewer;
import ai.automations.common.integration.IntegrationDescriptor;
import ai.automations.common.validation.OnCreate;
import ai.automations.registry.support.PageRequest;
import io.smallrye.mutiny.Uni;

/** An entity's integrations. Changing them takes ADMIN; any member may read them (they hold no secret values). */
@Path("/api/v1/entities/{entity}/integrations")
public class IntegrationResource {

    private final IntegrationService integrations;
    private final CurrentCaller caller;

    public IntegrationResource(IntegrationService integrations, CurrentCaller caller) {
        this.integrations = integrations;
        this.caller = caller;
    }

    @POST
    @EntityAdmin
    public Uni<Response> create(@PathParam("entity") String entity,
            @Valid @ConvertGroup(to = OnCreate.class) @NotNull IntegrationRequest request) {
        return integrations.create(caller.get(), entity, request).map(i -> Response.status(201).entity(i).build());
    }

    @GET
    @EntityViewer
    public Uni<Response> list(@PathParam("entity") String entity, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return integrations.list(entity, PageRequest.of(limit, cursor)).map(page -> page.toResponse(uri));
    }

    @GET
    @Path("/{name}")
    @EntityViewer
    public Uni<IntegrationDescriptor> get(@PathParam("entity") String entity, @PathParam("name") String name) {
        return integrations.get(entity, name);
    }

    @PUT
    @Path("/{name}")
    @EntityAdmin
    public Uni<IntegrationDescriptor> replace(@PathParam("entity") String entity, @PathParam("name") String name,
            @Valid @NotNull IntegrationRequest request) {
        return integrations.replace(entity, name, request);
    }

    @DELETE
    @Path("/{name}")
    @EntityAdmin
    public Uni<Response> delete(@PathParam("entity") String entity, @PathParam("name") String name) {
        return integrations.delete(entity, name).replaceWith(Response.noContent().build());
    }
}
