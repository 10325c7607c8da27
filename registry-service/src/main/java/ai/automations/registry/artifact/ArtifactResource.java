package ai.automations.registry.artifact;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import ai.automations.common.auth.Caller;
import ai.automations.common.auth.CallerIdentity;
import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.auth.Role;
import ai.automations.registry.artifact.ArtifactViews.VersionView;
import io.smallrye.mutiny.Uni;

/**
 * An artifact by id: shorthand for its version in its source (project) collection. The path names no entity, so
 * the caller's role is checked here, against the artifact's entity.
 */
@Path("/api/v1/artifacts/{id}")
public class ArtifactResource {

    private final ArtifactService artifacts;
    private final CurrentCaller current;

    public ArtifactResource(ArtifactService artifacts, CurrentCaller current) {
        this.artifacts = artifacts;
        this.current = current;
    }

    @GET
    @RolesAllowed(CallerIdentity.USER)
    public Uni<VersionView> get(@PathParam("id") String id) {
        return artifacts.source(current.get(), id, Role.VIEWER).flatMap(src -> artifacts.get(src.collection(),
                src.version()));
    }

    @POST
    @Path("/aliases")
    @RolesAllowed(CallerIdentity.USER)
    public Uni<VersionView> addAlias(@PathParam("id") String id, @Valid @NotNull ArtifactViews.AliasRequest request) {
        Caller caller = current.get();
        return artifacts.source(caller, id, Role.MEMBER)
                .flatMap(src -> artifacts.addAlias(caller, src.collection(), src.version(), request));
    }

    @DELETE
    @Path("/aliases/{alias}")
    @RolesAllowed(CallerIdentity.USER)
    public Uni<Response> removeAlias(@PathParam("id") String id, @PathParam("alias") String alias) {
        return artifacts.source(current.get(), id, Role.MEMBER)
                .flatMap(src -> artifacts.removeAlias(src.collection(), src.version(), alias))
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/tags")
    @RolesAllowed(CallerIdentity.USER)
    public Uni<VersionView> addTag(@PathParam("id") String id, @Valid @NotNull ArtifactViews.TagRequest request) {
        Caller caller = current.get();
        return artifacts.source(caller, id, Role.MEMBER)
                .flatMap(src -> artifacts.addTag(caller, src.collection(), src.version(), request));
    }

    @DELETE
    @Path("/tags/{tag}")
    @RolesAllowed(CallerIdentity.USER)
    public Uni<Response> removeTag(@PathParam("id") String id, @PathParam("tag") String tag) {
        Caller caller = current.get();
        return artifacts.source(caller, id, Role.MEMBER)
                .flatMap(src -> artifacts.removeTag(caller, src.collection(), src.version(), tag))
                .replaceWith(Response.noContent().build());
    }
}
