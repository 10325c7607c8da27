package ai.automations.registry.source;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.registry.artifact.ArtifactMirror;
import ai.automations.registry.artifact.ArtifactMirror.Target;
import ai.automations.registry.artifact.ArtifactMirror.VersionKey;
import ai.automations.registry.artifact.VersionContext;
import io.smallrye.mutiny.Uni;

/**
 * One registry change a delivery asks for, in the registry's terms (collection names and tags already made valid).
 * A version an alias or tag refers to is created first when the source never announced it (its webhook may have
 * been set up after the version was made), with {@code metadata} saying so.
 */
sealed interface MirrorChange {

    Uni<Void> apply(ArtifactMirror mirror, Target target);

    /** The registry collection exists (registered_model.created, a Hub repo created). */
    record Collection(String collection, String type, String description) implements MirrorChange {
        @Override
        public Uni<Void> apply(ArtifactMirror mirror, Target target) {
            return mirror.collection(target, collection, type, description).replaceWithVoid();
        }
    }

    /** The version exists: CREATE_ARTIFACT and LINK_ARTIFACT when it is new. */
    record Version(String collection, String type, VersionKey key, ObjectNode metadata, String runId)
            implements MirrorChange {
        @Override
        public Uni<Void> apply(ArtifactMirror mirror, Target target) {
            return version(mirror, target).replaceWithVoid();
        }

        Uni<VersionContext> version(ArtifactMirror mirror, Target target) {
            return mirror.version(target, collection, type, key, metadata, runId);
        }
    }

    /** An alias lands on the version: ADD_ARTIFACT_ALIAS. */
    record AddAlias(Version version, String alias) implements MirrorChange {
        @Override
        public Uni<Void> apply(ArtifactMirror mirror, Target target) {
            return version.version(mirror, target).flatMap(v -> mirror.addAlias(v, alias, target.author()));
        }
    }

    /** An alias leaves the collection (no event, as for the API). */
    record RemoveAlias(String collection, String alias) implements MirrorChange {
        @Override
        public Uni<Void> apply(ArtifactMirror mirror, Target target) {
            return mirror.removeAlias(target, collection, alias).replaceWithVoid();
        }
    }

    /**
     * The version's tags starting with {@code replacedPrefix} (when set) go, except {@code tag}; then {@code tag}
     * is added (when set): REMOVE_ARTIFACT_TAG and ADD_ARTIFACT_TAG. Without {@code tag}, a version the source never
     * announced is left alone (there is nothing to remove).
     */
    record Tag(Version version, String replacedPrefix, String tag) implements MirrorChange {
        @Override
        public Uni<Void> apply(ArtifactMirror mirror, Target target) {
            Uni<VersionContext> v = tag != null ? version.version(mirror, target)
                    : mirror.find(target, version.collection(), version.key());
            return v.flatMap(ctx -> {
                if (ctx == null) {
                    return Uni.createFrom().voidItem();
                }
                Uni<Integer> removed = replacedPrefix == null ? Uni.createFrom().item(0)
                        : mirror.removeTags(ctx, t -> t.startsWith(replacedPrefix) && !t.equals(tag),
                                target.author());
                return removed.chain(() -> tag == null ? Uni.createFrom().voidItem()
                        : mirror.addTag(ctx, tag, target.author()));
            });
        }
    }

    /** The tag leaves the version, if the source announced the version and it has the tag: REMOVE_ARTIFACT_TAG. */
    record RemoveTag(Version version, String tag) implements MirrorChange {
        @Override
        public Uni<Void> apply(ArtifactMirror mirror, Target target) {
            return mirror.find(target, version.collection(), version.key()).flatMap(ctx -> ctx == null
                    ? Uni.createFrom().voidItem()
                    : mirror.removeTags(ctx, tag::equals, target.author()).replaceWithVoid());
        }
    }
}
