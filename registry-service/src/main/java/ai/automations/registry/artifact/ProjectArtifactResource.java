package ai.automations.registry.artifact;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.auth.EntityMember;
import io.smallrye.mutiny.Uni;

/** Creates artifacts: each is the next version of a project collection. */
@Path("/api/v1/entities/{entity}/projects/{project}/artifacts")
public class ProjectArtifactResource {

    private final ArtifactService artifacts;
    private final CurrentCaller caller;

    public ProjectArtifactResource(ArtifactService artifacts, CurrentCaller caller) {
        this.artifacts = artifacts;
        this.caller = caller;
    }

    @POST
    @EntityMember
    public Uni<Response> create(@PathParam("entity") String entity, @PathParam("project") String project,
            @Valid @NotNull ArtifactViews.CreateArtifact request) {
        return artifacts.create(caller.get(), entity, project, request)
                .map(v -> Response.status(201).entity(v).build());
    }
}
