package ai.automations.registry.auth;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import ai.automations.common.auth.EntityAdmin;
import io.smallrye.mutiny.Uni;

/** An entity's members; entity ADMINs only. */
@Path("/api/v1/entities/{entity}/members")
public class MemberResource {

    private final AccessService access;

    public MemberResource(AccessService access) {
        this.access = access;
    }

    @POST
    @EntityAdmin
    public Uni<Response> add(@PathParam("entity") String entity, @Valid @NotNull AuthViews.AddMember request) {
        return access.addMember(entity, request)
                .map(r -> Response.status(r.created() ? 201 : 200).entity(r.member()).build());
    }

    @GET
    @EntityAdmin
    public Uni<List<AuthViews.MemberView>> list(@PathParam("entity") String entity) {
        return access.members(entity);
    }

    @DELETE
    @Path("/{user}")
    @EntityAdmin
    public Uni<Response> remove(@PathParam("entity") String entity, @PathParam("user") String user) {
        return access.removeMember(entity, user).replaceWith(Response.noContent().build());
    }
}
