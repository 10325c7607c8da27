package ai.automations.console.ui.registry;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import ai.automations.console.ui.web.ConsolePage;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/**
 * A collection and its versions, in a registry or a project alike: the collection's own tags (added and removed), the
 * versions with aliases, tags and metadata, adding and removing an alias or a tag, and linking a project version into
 * a registry collection.
 */
@Path("/entities/{entity}/collections/{kind}/{owner}/{collection}")
@ConsolePage
@Produces(MediaType.TEXT_HTML)
public class CollectionPages {

    private final VersionPages versions;

    public CollectionPages(VersionPages versions) {
        this.versions = versions;
    }

    @GET
    public Uni<TemplateInstance> collection(@PathParam("entity") String entity, @PathParam("kind") String kind,
            @PathParam("owner") String owner, @PathParam("collection") String collection) {
        return versions.collection(ref(entity, kind, owner, collection));
    }

    /** Tags the collection itself (ADD_COLLECTION_TAG). */
    @POST
    @Path("tags")
    public Uni<Response> addTag(@PathParam("entity") String entity, @PathParam("kind") String kind,
            @PathParam("owner") String owner, @PathParam("collection") String collection, @RestForm String value,
            @Context HttpHeaders headers) {
        return versions.addCollectionTag(ref(entity, kind, owner, collection), value, headers);
    }

    /** Removes a tag of the collection itself (REMOVE_COLLECTION_TAG). */
    @POST
    @Path("tags/{tag}/remove")
    public Uni<Response> removeTag(@PathParam("entity") String entity, @PathParam("kind") String kind,
            @PathParam("owner") String owner, @PathParam("collection") String collection,
            @PathParam("tag") String tag, @Context HttpHeaders headers) {
        return versions.removeCollectionTag(ref(entity, kind, owner, collection), tag, headers);
    }

    @GET
    @Path("versions/{version}")
    public Uni<TemplateInstance> version(@PathParam("entity") String entity, @PathParam("kind") String kind,
            @PathParam("owner") String owner, @PathParam("collection") String collection,
            @PathParam("version") String version) {
        return versions.version(ref(entity, kind, owner, collection), version);
    }

    @POST
    @Path("versions/{version}/{label: aliases|tags}")
    public Uni<Response> addLabel(@PathParam("entity") String entity, @PathParam("kind") String kind,
            @PathParam("owner") String owner, @PathParam("collection") String collection,
            @PathParam("version") String version, @PathParam("label") String label, @RestForm String value,
            @Context HttpHeaders headers) {
        return versions.addLabel(ref(entity, kind, owner, collection), version, label, value, headers);
    }

    @POST
    @Path("versions/{version}/{label: aliases|tags}/{value}/remove")
    public Uni<Response> removeLabel(@PathParam("entity") String entity, @PathParam("kind") String kind,
            @PathParam("owner") String owner, @PathParam("collection") String collection,
            @PathParam("version") String version, @PathParam("label") String label, @PathParam("value") String value,
            @Context HttpHeaders headers) {
        return versions.removeLabel(ref(entity, kind, owner, collection), version, label, value,
                headers);
    }

    /** Links this (project) version into a registry collection, with optional comma-separated aliases. */
    @POST
    @Path("versions/{version}/link")
    public Uni<Response> link(@PathParam("entity") String entity, @PathParam("kind") String kind,
            @PathParam("owner") String owner, @PathParam("collection") String collection,
            @PathParam("version") String version, @RestForm String artifactId, @RestForm String registry,
            @RestForm("targetCollection") String target, @RestForm String aliases, @Context HttpHeaders headers) {
        return versions.link(ref(entity, kind, owner, collection), version, artifactId, registry,
                target, aliases, headers);
    }

    /** {@code kind} is {@code registries} or {@code projects}; anything else is no page. */
    private static CollectionRef ref(String entity, String kind, String owner, String collection) {
        if (!"registries".equals(kind) && !"projects".equals(kind)) {
            throw new NotFoundException();
        }
        return new CollectionRef(entity, kind, owner, collection);
    }
}
