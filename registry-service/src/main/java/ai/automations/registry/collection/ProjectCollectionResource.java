package ai.automations.registry.collection;

import jakarta.ws.rs.Path;

import ai.automations.common.auth.CurrentCaller;
import ai.automations.registry.artifact.ArtifactService;

/** A project's collections (artifacts are created in them) and their versions, aliases and tags. */
@Path("/api/v1/entities/{entity}/projects/{parent}/collections")
public class ProjectCollectionResource extends CollectionsResource {

    public ProjectCollectionResource(CollectionService collections, ArtifactService artifacts, CurrentCaller caller,
            CollectionTagService collectionTags) {
        super(CollectionRef.Kind.PROJECT, collections, artifacts, caller, collectionTags);
    }
}
