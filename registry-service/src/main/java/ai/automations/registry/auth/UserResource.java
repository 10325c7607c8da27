package ai.automations.registry.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import ai.automations.common.auth.Caller;
import ai.automations.common.auth.CallerIdentity;
import ai.automations.common.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/users")
public class UserResource {

    private final AccessService access;
    private final CurrentCaller caller;

    public UserResource(AccessService access, CurrentCaller caller) {
        this.access = access;
        this.caller = caller;
    }

    /** Bootstrap admin only: a new user and its first key (shown once). */
    @POST
    @RolesAllowed(CallerIdentity.USER)
    public Uni<Response> create(@Valid @NotNull AuthViews.CreateUser request) {
        return access.createUser(caller.get(), request).map(u -> Response.status(201).entity(u).build());
    }

    /** Who the key in this request belongs to, with its roles. */
    @GET
    @Path("/me")
    @RolesAllowed(CallerIdentity.USER)
    public Caller me() {
        return caller.get();
    }
}
