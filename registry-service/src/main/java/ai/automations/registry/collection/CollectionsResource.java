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

/**
 * The collections of a project or a registry ({@code {parent}}) and their versions, aliases and tags: the same
 * endpoints under both, so they are written once here; each kind's resource says how its path names a collection.
 */
public abstract class CollectionsResource {

    protected final CollectionService collections;
    protected final ArtifactService artifacts;
    protected final CurrentCaller caller;
    private final CollectionTagService collectionTags;
    private final CollectionRef.Kind kind;

    protected CollectionsResource(CollectionRef.Kind kind, CollectionService collections, ArtifactService artifacts,
            CurrentCaller caller, CollectionTagService collectionTags) {
        this.kind = kind;
        this.collectionTags = collectionTags;
        this.collections = collections;
        this.artifacts = artifacts;
        this.caller = caller;
    }

    /** The collection {@code collection} (null: the parent itself) of {@code parent} in {@code entity}. */
    protected CollectionRef ref(String entity, String parent, String collection) {
        return new CollectionRef(entity, kind, parent, collection);
    }

    @POST
    @EntityMember
    public Uni<Response> create(@PathParam("entity") String entity, @PathParam("parent") String parent,
            @Valid @NotNull CollectionRequest request) {
        return collections.create(ref(entity, parent, null), request)
                .map(c -> Response.status(201).entity(c).build());
    }

    @GET
    @EntityViewer
    public Uni<Response> list(@PathParam("entity") String entity, @PathParam("parent") String parent,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return collections.list(ref(entity, parent, null), PageRequest.of(limit, cursor))
                .map(page -> page.toResponse(uri));
    }

    @GET
    @Path("/{collection}")
    @EntityViewer
    public Uni<CollectionView> get(@PathParam("entity") String entity, @PathParam("parent") String parent,
            @PathParam("collection") String collection) {
        return collections.get(ref(entity, parent, collection));
    }

    @GET
    @Path("/{collection}/versions")
    @EntityViewer
    public Uni<Response> versions(@PathParam("entity") String entity, @PathParam("parent") String parent,
            @PathParam("collection") String collection, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return artifacts.list(ref(entity, parent, collection), PageRequest.of(limit, cursor))
                .map(page -> page.toResponse(uri));
    }

    @GET
    @Path("/{collection}/versions/{version}")
    @EntityViewer
    public Uni<VersionView> version(@PathParam("entity") String entity, @PathParam("parent") String parent,
            @PathParam("collection") String collection, @PathParam("version") String version) {
        return artifacts.get(ref(entity, parent, collection), version);
    }

    @POST
    @Path("/{collection}/versions/{version}/aliases")
    @EntityMember
    public Uni<VersionView> addAlias(@PathParam("entity") String entity, @PathParam("parent") String parent,
            @PathParam("collection") String collection, @PathParam("version") String version,
            @Valid @NotNull ArtifactViews.AliasRequest request) {
        return artifacts.addAlias(caller.get(), ref(entity, parent, collection), version, request);
    }

    @DELETE
    @Path("/{collection}/versions/{version}/aliases/{alias}")
    @EntityMember
    public Uni<Response> removeAlias(@PathParam("entity") String entity, @PathParam("parent") String parent,
            @PathParam("collection") String collection, @PathParam("version") String version,
            @PathParam("alias") String alias) {
        return artifacts.removeAlias(ref(entity, parent, collection), version, alias)
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{collection}/versions/{version}/tags")
    @EntityMember
    public Uni<VersionView> addTag(@PathParam("entity") String entity, @PathParam("parent") String parent,
            @PathParam("collection") String collection, @PathParam("version") String version,
            @Valid @NotNull ArtifactViews.TagRequest request) {
        return artifacts.addTag(caller.get(), ref(entity, parent, collection), version, request);
    }

    @DELETE
    @Path("/{collection}/versions/{version}/tags/{tag}")
    @EntityMember
    public Uni<Response> removeTag(@PathParam("entity") String entity, @PathParam("parent") String parent,
            @PathParam("collection") String collection, @PathParam("version") String version,
            @PathParam("tag") String tag) {
        return artifacts.removeTag(caller.get(), ref(entity, parent, collection), version, tag)
                .replaceWith(Response.noContent().build());
    }

    /** Tags the collection ({@code ADD_COLLECTION_TAG}); a tag it has already changes nothing. */
    @POST
    @Path("/{collection}/tags")
    @EntityMember
    public Uni<CollectionView> addCollectionTag(@PathParam("entity") String entity,
            @PathParam("parent") String parent, @PathParam("collection") String collection,
            @Valid @NotNull ArtifactViews.TagRequest request) {
        return collectionTags.add(caller.get(), ref(entity, parent, collection), request.tag());
    }

    /** Removes a tag from the collection ({@code REMOVE_COLLECTION_TAG}). */
    @DELETE
    @Path("/{collection}/tags/{tag}")
    @EntityMember
    public Uni<Response> removeCollectionTag(@PathParam("entity") String entity,
            @PathParam("parent") String parent, @PathParam("collection") String collection,
            @PathParam("tag") String tag) {
        return collectionTags.remove(caller.get(), ref(entity, parent, collection), tag)
                .replaceWith(Response.noContent().build());
    }
}
