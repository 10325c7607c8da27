package ai.automations.registry.collection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.auth.EntityMember;
import ai.automations.common.auth.EntityViewer;
import ai.automations.registry.artifact.ArtifactService;
import ai.automations.registry.artifact.ArtifactViews.VersionView;
import ai.automations.registry.artifact.ArtifactViews;
import ai.automations.registry.support.PageRequest;
import io.smallrye.mutiny.Uni;

/** A registry's collections: artifacts linked into them, with their own versions, aliases and tags. */
@Path("/api/v1/entities/{entity}/registries/{registry}/collections")
public class RegistryCollectionResource {

    private final CollectionService collections;
    private final ArtifactService artifacts;
    private final CurrentCaller caller;
    private final CollectionTagService collectionTags;

    public RegistryCollectionResource(CollectionService collections, ArtifactService artifacts, CurrentCaller caller,
            CollectionTagService collectionTags) {
        this.collectionTags = collectionTags;
        this.collections = collections;
        this.artifacts = artifacts;
        this.caller = caller;
    }

    @POST
    @EntityMember
    public Uni<Response> create(@PathParam("entity") String entity, @PathParam("registry") String registry,
            @Valid @NotNull CollectionRequest request) {
        return collections.create(CollectionRef.registry(entity, registry, null), request)
                .map(c -> Response.status(201).entity(c).build());
    }

    @GET
    @EntityViewer
    public Uni<Response> list(@PathParam("entity") String entity, @PathParam("registry") String registry,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return collections.list(CollectionRef.registry(entity, registry, null), PageRequest.of(limit, cursor))
                .map(page -> page.toResponse(uri));
    }

    @GET
    @Path("/{collection}")
    @EntityViewer
    public Uni<CollectionView> get(@PathParam("entity") String entity, @PathParam("registry") String registry,
            @PathParam("collection") String collection) {
        return collections.get(CollectionRef.registry(entity, registry, collection));
    }

    @GET
    @Path("/{collection}/versions")
    @EntityViewer
    public Uni<Response> versions(@PathParam("entity") String entity, @PathParam("registry") String registry,
            @PathParam("collection") String collection, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return artifacts.list(CollectionRef.registry(entity, registry, collection), PageRequest.of(limit, cursor))
                .map(page -> page.toResponse(uri));
    }

    @GET
    @Path("/{collection}/versions/{version}")
    @EntityViewer
    public Uni<VersionView> version(@PathParam("entity") String entity, @PathParam("registry") String registry,
            @PathParam("collection") String collection, @PathParam("version") String version) {
        return artifacts.get(CollectionRef.registry(entity, registry, collection), version);
    }

    @POST
    @Path("/{collection}/versions/{version}/aliases")
    @EntityMember
    public Uni<VersionView> addAlias(@PathParam("entity") String entity, @PathParam("registry") String registry,
            @PathParam("collection") String collection, @PathParam("version") String version,
            @Valid @NotNull ArtifactViews.AliasRequest request) {
        return artifacts.addAlias(caller.get(), CollectionRef.registry(entity, registry, collection), version, request);
    }

    @DELETE
    @Path("/{collection}/versions/{version}/aliases/{alias}")
    @EntityMember
    public Uni<Response> removeAlias(@PathParam("entity") String entity, @PathParam("registry") String registry,
            @PathParam("collection") String collection, @PathParam("version") String version,
            @PathParam("alias") String alias) {
        return artifacts.removeAlias(CollectionRef.registry(entity, registry, collection), version, alias)
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{collection}/versions/{version}/tags")
    @EntityMember
    public Uni<VersionView> addTag(@PathParam("entity") String entity, @PathParam("registry") String registry,
            @PathParam("collection") String collection, @PathParam("version") String version,
            @Valid @NotNull ArtifactViews.TagRequest request) {
        return artifacts.addTag(caller.get(), CollectionRef.registry(entity, registry, collection), version, request);
    }

    @DELETE
    @Path("/{collection}/versions/{version}/tags/{tag}")
    @EntityMember
    public Uni<Response> removeTag(@PathParam("entity") String entity, @PathParam("registry") String registry,
            @PathParam("collection") String collection, @PathParam("version") String version,
            @PathParam("tag") String tag) {
        return artifacts.removeTag(caller.get(), CollectionRef.registry(entity, registry, collection), version, tag)
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{collection}/links")
    @EntityMember
    public Uni<Response> link(@PathParam("entity") String entity, @PathParam("registry") String registry,
            @PathParam("collection") String collection, @Valid @NotNull ArtifactViews.LinkRequest request) {
        return artifacts.link(caller.get(), CollectionRef.registry(entity, registry, collection), request)
                .map(v -> Response.status(201).entity(v).build());
    }

    @DELETE
    @Path("/{collection}/links/{version}")
    @EntityMember
    public Uni<Response> unlink(@PathParam("entity") String entity, @PathParam("registry") String registry,
            @PathParam("collection") String collection, @PathParam("version") String version) {
        return artifacts.unlink(caller.get(), CollectionRef.registry(entity, registry, collection), version)
                .replaceWith(Response.noContent().build());
    }
    /** Tags the collection ({@code ADD_COLLECTION_TAG}); a tag it has already changes nothing. */
    @POST
    @Path("/{collection}/tags")
    @EntityMember
    public Uni<CollectionView> addCollectionTag(@PathParam("entity") String entity,
            @PathParam("registry") String registry, @PathParam("collection") String collection,
            @Valid @NotNull ArtifactViews.TagRequest request) {
        return collectionTags.add(caller.get(), CollectionRef.registry(entity, registry, collection), request.tag());
    }

    /** Removes a tag from the collection ({@code REMOVE_COLLECTION_TAG}). */
    @DELETE
    @Path("/{collection}/tags/{tag}")
    @EntityMember
    public Uni<Response> removeCollectionTag(@PathParam("entity") String entity,
            @PathParam("registry") String registry, @PathParam("collection") String collection,
            @PathParam("tag") String tag) {
        return collectionTags.remove(caller.get(), CollectionRef.registry(entity, registry, collection), tag)
                .replaceWith(Response.noContent().build());
    }
}
