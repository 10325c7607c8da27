package ai.automations.registry.auth;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import ai.automations.common.auth.CallerIdentity;
import ai.automations.common.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/api-keys")
public class ApiKeyResource {

    private final AccessService access;
    private final CurrentCaller caller;

    public ApiKeyResource(AccessService access, CurrentCaller caller) {
        this.access = access;
        this.caller = caller;
    }

    /** A new key for the caller, shown once. */
    @POST
    @RolesAllowed(CallerIdentity.USER)
    public Uni<Response> create() {
        return access.createKey(caller.get()).map(k -> Response.status(201).entity(k).build());
    }

    @GET
    @RolesAllowed(CallerIdentity.USER)
    public Uni<List<AuthViews.ApiKeyView>> list() {
        return access.listKeys(caller.get());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(CallerIdentity.USER)
    public Uni<Response> revoke(@PathParam("id") String id) {
        return access.revokeKey(caller.get(), id).replaceWith(Response.noContent().build());
    }
}
