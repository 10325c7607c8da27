package ai.automations.registry.collection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.auth.EntityMember;
import ai.automations.registry.artifact.ArtifactService;
import ai.automations.registry.artifact.ArtifactViews;
import io.smallrye.mutiny.Uni;

/** A registry's collections: artifacts linked into them, with their own versions, aliases and tags. */
@Path("/api/v1/entities/{entity}/registries/{parent}/collections")
public class RegistryCollectionResource extends CollectionsResource {

    public RegistryCollectionResource(CollectionService collections, ArtifactService artifacts, CurrentCaller caller,
            CollectionTagService collectionTags) {
        super(CollectionRef.Kind.REGISTRY, collections, artifacts, caller, collectionTags);
    }

    @POST
    @Path("/{collection}/links")
    @EntityMember
    public Uni<Response> link(@PathParam("entity") String entity, @PathParam("parent") String registry,
            @PathParam("collection") String collection, @Valid @NotNull ArtifactViews.LinkRequest request) {
        return artifacts.link(caller.get(), ref(entity, registry, collection), request)
                .map(v -> Response.status(201).entity(v).build());
    }

    @DELETE
    @Path("/{collection}/links/{version}")
    @EntityMember
    public Uni<Response> unlink(@PathParam("entity") String entity, @PathParam("parent") String registry,
            @PathParam("collection") String collection, @PathParam("version") String version) {
        return artifacts.unlink(caller.get(), ref(entity, registry, collection), version)
                .replaceWith(Response.noContent().build());
    }
}
