package ai.automations.registry.automation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.auth.EntityMember;
import ai.automations.common.auth.EntityViewer;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.registry.support.PageRequest;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/entities/{entity}/automations")
public class AutomationResource {

    private final AutomationService automations;
    private final CurrentCaller caller;

    public AutomationResource(AutomationService automations, CurrentCaller caller) {
        this.automations = automations;
        this.caller = caller;
    }

    @POST
    @EntityMember
    public Uni<Response> create(@PathParam("entity") String entity, @Valid @NotNull AutomationRequest request) {
        return automations.create(caller.get(), entity, request).map(a -> Response.status(201).entity(a).build());
    }

    @GET
    @EntityViewer
    public Uni<Response> list(@PathParam("entity") String entity,
            @QueryParam("scopeType") @Pattern(regexp = "(?i)ENTITY|PROJECT|REGISTRY|ARTIFACT_COLLECTION",
                    message = "must be ENTITY, PROJECT, REGISTRY or ARTIFACT_COLLECTION") String scopeType,
            @QueryParam("project") String project, @QueryParam("registry") String registry,
            @QueryParam("collection") String collection,
            @QueryParam("enabled") @Pattern(regexp = "true|false", message = "must be true or false") String enabled,
            @QueryParam("name") @Size(min = 1, max = 255, message = "must be 1 to 255 characters") String name,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return automations.list(entity,
                AutomationService.ListFilter.of(scopeType, project, registry, collection, enabled, name),
                PageRequest.of(limit, cursor)).map(page -> page.toResponse(uri));
    }

    /** Apply by name: creates (201) or replaces (200) the automation of that name. */
    @PUT
    @Path("/by-name/{name}")
    @EntityMember
    public Uni<Response> applyByName(@PathParam("entity") String entity,
            @PathParam("name") @Size(min = 1, max = 255, message = "must be 1 to 255 characters") String name,
            JsonNode body) {
        return automations.applyByName(caller.get(), entity, name, body).map(applied -> Response
                .status(applied.created() ? 201 : 200).entity(applied.definition()).build());
    }

    @GET
    @Path("/{id}")
    @EntityViewer
    public Uni<AutomationDefinition> get(@PathParam("entity") String entity, @PathParam("id") String id) {
        return automations.get(entity, id);
    }

    @PUT
    @Path("/{id}")
    @EntityMember
    public Uni<AutomationDefinition> replace(@PathParam("entity") String entity, @PathParam("id") String id,
            @Valid @NotNull AutomationRequest request) {
        return automations.replace(entity, id, request);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @EntityMember
    public Uni<AutomationDefinition> patch(@PathParam("entity") String entity, @PathParam("id") String id,
            JsonNode patch) {
        return automations.patch(entity, id, patch);
    }

    @DELETE
    @Path("/{id}")
    @EntityMember
    public Uni<Response> delete(@PathParam("entity") String entity, @PathParam("id") String id) {
        return automations.delete(entity, id).replaceWith(Response.noContent().build());
    }
}
