package ai.automations.registry.artifact;

import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.error.ApiException;
import ai.automations.common.event.EventType;
import ai.automations.registry.collection.CollectionPath;
import ai.automations.registry.collection.CollectionService;
import ai.automations.registry.support.Timestamps;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Registry changes announced by an external registry (a source: MLflow, the Hugging Face Hub), made as real changes
 * with the same rules and events as the API's: a new version is created as an artifact of the source's project
 * collection (CREATE_ARTIFACT) and linked into the registry collection of the same name (LINK_ARTIFACT); aliases
 * and tags land on the registry collection's version. Every method runs inside the caller's transaction, which also
 * records the delivery, so a replay changes nothing.
 */
@ApplicationScoped
public class ArtifactMirror {

    /** Where a source mirrors to, and who its changes are attributed to ({@code ${event_author}}). */
    public record Target(String entity, String project, String registry, String author) {
    }

    /**
     * How a source names a version: MLflow by its number (kept as the version index, so {@code v3} is MLflow's
     * version 3), the Hub by its commit sha (the artifact's digest).
     */
    public record VersionKey(Integer number, String sha) {

        public static VersionKey number(int number) {
            return new VersionKey(number, null);
        }

        public static VersionKey sha(String sha) {
            return new VersionKey(null, sha);
        }
    }

    private final ArtifactService artifacts;
    private final CollectionService collections;
    private final ArtifactEvents events;
    private final InstantSource clock;

    public ArtifactMirror(ArtifactService artifacts, CollectionService collections, ArtifactEvents events,
            InstantSource clock) {
        this.artifacts = artifacts;
        this.collections = collections;
        this.events = events;
        this.clock = clock;
    }

    /** The registry collection {@code name}, created with {@code type} when missing. */
    public Uni<CollectionPath> collection(Target t, String name, String type, String description) {
        return collections.lockForMirror(t.entity(), t.registry(), name, type, description);
    }

    /**
     * The version {@code key} of registry collection {@code name}, created (with {@code metadata}, the digest and run)
     * when the source has not announced it before: CREATE_ARTIFACT in the project collection, then LINK_ARTIFACT.
     */
    public Uni<VersionContext> version(Target t, String name, String type, VersionKey key, ObjectNode metadata,
            String runId) {
        String metadataText = artifacts.metadata(metadata);
        return collection(t, name, type, null).flatMap(registryPath -> existing(registryPath, key).flatMap(found -> {
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            return collections.lockForNewArtifact(t.entity(), t.project(), name, type).flatMap(projectPath -> {
                if (!projectPath.collection().type.equals(type)) {
                    throw ApiException.conflict("Collection '" + name + "' of project '" + t.project()
                            + "' holds artifacts of type '" + projectPath.collection().type + "', not '" + type + "'.",
                            "type");
                }
                Artifact a = new Artifact();
                a.id = UUID.randomUUID();
                a.entityId = projectPath.entity().id;
                a.collectionId = projectPath.collection().id;
                a.type = type;
                a.digest = key.sha();
                a.metadata = metadataText;
                a.runId = runId;
                a.author = t.author();
                a.createdAt = Timestamps.now(clock);
                return a.persist()
                        .chain(() -> newVersion(projectPath, a.id, t.author(), key.number()))
                        .flatMap(pv -> pv.persist().chain(() -> moveLatestIfNewest(projectPath, pv))
                                .chain(() -> events.emit(EventType.CREATE_ARTIFACT,
                                        new VersionContext(projectPath, pv, a, projectPath, pv.versionIndex), null,
                                        null, t.author())))
                        .chain(() -> newVersion(registryPath, a.id, t.author(), key.number()))
                        .flatMap(rv -> rv.persist().chain(() -> moveLatestIfNewest(registryPath, rv))
                                .chain(() -> artifacts.context(registryPath, rv, a)))
                        .call(ctx -> events.emit(EventType.LINK_ARTIFACT, ctx, null, null, t.author()));
            });
        }));
    }

    /** The version {@code key} of registry collection {@code name} if the source announced it, else {@code null}. */
    public Uni<VersionContext> find(Target t, String name, VersionKey key) {
        return collections.findLocked(t.entity(), t.registry(), name).flatMap(path -> path == null
                ? Uni.createFrom().nullItem()
                : existing(path, key));
    }

    /** Puts {@code alias} on the version (moving it within the collection): ADD_ARTIFACT_ALIAS. */
    public Uni<Void> addAlias(VersionContext v, String alias, String author) {
        return artifacts.addAliases(v, List.of(alias), author);
    }

    /** Takes {@code alias} off whichever version of registry collection {@code name} holds it (no event). */
    public Uni<Boolean> removeAlias(Target t, String name, String alias) {
        return collections.findLocked(t.entity(), t.registry(), name).flatMap(path -> path == null
                ? Uni.createFrom().item(false)
                : VersionAlias.find(path.collection().id, alias).flatMap(held -> held == null
                        ? Uni.createFrom().item(false)
                        : VersionAlias.delete("id", held.id).map(n -> n > 0)));
    }

    /** Adds {@code tag} to the version: ADD_ARTIFACT_TAG (nothing when it has it). */
    public Uni<Void> addTag(VersionContext v, String tag, String author) {
        return artifacts.addTags(v, List.of(tag), author);
    }

    /** Removes the version's tags that {@code which} accepts: one REMOVE_ARTIFACT_TAG each. */
    public Uni<Integer> removeTags(VersionContext v, Predicate<String> which, String author) {
        return VersionTag.<VersionTag>find("versionId", v.version().id).list()
                .flatMap(tags -> Multi.createFrom().iterable(tags).filter(tag -> which.test(tag.tag))
                        .onItem().transformToUniAndConcatenate(tag -> VersionTag.delete("id", tag.id)
                                .chain(() -> events.emit(EventType.REMOVE_ARTIFACT_TAG, v, null, tag.tag, author))
                                .replaceWith(1))
                        .collect().asList().map(List::size));
    }

    private Uni<VersionContext> existing(CollectionPath path, VersionKey key) {
        Uni<CollectionVersion> found = key.number() != null
                ? CollectionVersion.byIndex(path.collection().id, key.number())
                : CollectionVersion.<CollectionVersion>find("collectionId = ?1 and artifactId in "
                        + "(select a.id from Artifact a where a.digest = ?2) order by versionIndex",
                        path.collection().id, key.sha()).firstResult();
        return found.flatMap(v -> v == null ? Uni.createFrom().nullItem()
                : Artifact.<Artifact>findById(v.artifactId).flatMap(a -> artifacts.context(path, v, a)));
    }

    /** The next version, numbered {@code preferred} when given and still free in the collection. */
    private Uni<CollectionVersion> newVersion(CollectionPath path, UUID artifactId, String author, Integer preferred) {
        if (preferred == null) {
            return Uni.createFrom().item(artifacts.newVersion(path, artifactId, author));
        }
        return CollectionVersion.byIndex(path.collection().id, preferred).map(taken -> {
            if (taken != null) {
                return artifacts.newVersion(path, artifactId, author);
            }
            int next = path.collection().nextIndex;
            CollectionVersion v = artifacts.newVersion(path, artifactId, author);
            v.versionIndex = preferred;
            path.collection().nextIndex = Math.max(next, preferred + 1);
            return v;
        });
    }

    /** {@code latest} follows the highest index (a source may announce an older version after a newer one). */
    private Uni<Boolean> moveLatestIfNewest(CollectionPath path, CollectionVersion v) {
        return v.versionIndex == path.collection().nextIndex - 1 ? artifacts.moveLatest(path, v)
                : Uni.createFrom().item(false);
    }
}
