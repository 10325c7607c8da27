package ai.automations.registry.artifact;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.auth.Caller;
import ai.automations.common.auth.EntityPermissions;
import ai.automations.common.auth.Role;
import ai.automations.common.error.ApiException;
import ai.automations.common.event.EventType;
import ai.automations.registry.artifact.ArtifactViews.AliasRequest;
import ai.automations.registry.artifact.ArtifactViews.CreateArtifact;
import ai.automations.registry.artifact.ArtifactViews.LinkRequest;
import ai.automations.registry.artifact.ArtifactViews.TagRequest;
import ai.automations.registry.artifact.ArtifactViews.VersionView;
import ai.automations.registry.collection.CollectionPath;
import ai.automations.registry.collection.CollectionRef;
import ai.automations.registry.collection.CollectionService;
import ai.automations.registry.outbox.Outbox.PendingEvent;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.support.JsonText;
import ai.automations.registry.support.Names;
import ai.automations.registry.support.Page;
import ai.automations.registry.support.PageRequest;
import ai.automations.registry.support.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Artifact versions, links, aliases and tags. Every change locks its collection's row first, so changes to one
 * collection are serial, version indexes have no gaps or duplicates, and their events are ordered as committed.
 */
@ApplicationScoped
public class ArtifactService {

    static final int MAX_METADATA_CHARS = 100_000;

    private final Tx tx;
    private final CollectionService collections;
    private final ArtifactEvents events;
    private final VersionViews views;
    private final JsonText json;
    private final InstantSource clock;
    private final VersionStore store;

    public ArtifactService(Tx tx, CollectionService collections, ArtifactEvents events, VersionViews views,
            JsonText json, InstantSource clock, VersionStore store) {
        this.tx = tx;
        this.store = store;
        this.collections = collections;
        this.events = events;
        this.views = views;
        this.json = json;
        this.clock = clock;
    }

    /** Creates an artifact as the next version of a project collection (created on first use). */
    public Uni<VersionView> create(Caller caller, String entity, String project, CreateArtifact request) {
        String collection = request.collection();
        String type = request.type();
        String metadata = metadata(request.metadata());
        List<String> aliases = aliases(request.aliases());
        List<String> tags = Names.distinct(request.tags());
        String runId = request.runId();
        String digest = request.digest();
        String author = caller.name();
        return tx.write(() -> collections.lockForNewArtifact(entity, project, collection, type).flatMap(path -> {
            if (!path.collection().type.equals(type)) {
                throw ApiException.conflict("Collection '" + collection + "' holds artifacts of type '"
                        + path.collection().type + "', not '" + type + "'.", "type");
            }
            Artifact a = new Artifact();
            a.id = UUID.randomUUID();
            a.entityId = path.entity().id;
            a.collectionId = path.collection().id;
            a.type = type;
            a.digest = digest;
            a.metadata = metadata;
            a.runId = runId;
            a.author = author;
            a.createdAt = Timestamps.now(clock);
            CollectionVersion v = newVersion(path, a.id, author);
            VersionContext ctx = new VersionContext(path, v, a, path, v.versionIndex);
            return a.persist().chain(v::persist)
                    .chain(() -> moveLatest(path, v))
                    .chain(() -> events.emit(EventType.CREATE_ARTIFACT, ctx, null, null, author, aliases, tags))
                    .chain(() -> addAliases(ctx, aliases, author))
                    .chain(() -> addTags(ctx, tags, author))
                    .chain(() -> views.view(ctx));
        }));
    }

    /** Links an artifact of the same entity into a registry collection as its next version. */
    public Uni<VersionView> link(Caller caller, CollectionRef ref, LinkRequest request) {
        UUID artifactId = UUID.fromString(request.artifactId());
        List<String> aliases = aliases(request.aliases());
        String author = caller.name();
        return tx.write(() -> collections.resolve(ref, true).flatMap(path -> Artifact.<Artifact>findById(artifactId)
                .flatMap(a -> {
                    if (a == null || !a.entityId.equals(path.entity().id)) {
                        throw ApiException.notFound("No artifact '" + artifactId + "' in entity '" + ref.entity()
                                + "'.");
                    }
                    return CollectionVersion.ofArtifact(path.collection().id, a.id).flatMap(existing -> {
                        if (existing != null) {
                            throw ApiException.conflict("The artifact is already linked into '"
                                    + path.collection().name + "' as " + Names.version(existing.versionIndex) + ".",
                                    "artifactId");
                        }
                        CollectionVersion v = newVersion(path, a.id, author);
                        return v.persist().chain(() -> moveLatest(path, v))
                                .chain(() -> context(path, v, a))
                                .flatMap(ctx -> events.emit(EventType.LINK_ARTIFACT, ctx, null, null, author, aliases,
                                        List.of())
                                        .chain(() -> addAliases(ctx, aliases, author))
                                        .chain(() -> views.view(ctx)));
                    });
                })));
    }

    /** Removes a version from a registry collection; {@code latest} falls back to the newest remaining version. */
    public Uni<Void> unlink(Caller caller, CollectionRef ref, String version) {
        String author = caller.name();
        return tx.write(() -> collections.resolve(ref, true).flatMap(path -> version(path, version)).flatMap(ctx -> {
            UUID id = ctx.version().id;
            return events.emit(EventType.UNLINK_ARTIFACT, ctx, null, null, author)
                    .chain(() -> latestFallsBack(ctx))
                    .chain(() -> Panache.getSession().chain(session -> session.flush()))
                    .chain(() -> VersionAlias.delete("versionId", id))
                    .chain(() -> VersionTag.delete("versionId", id))
                    .chain(() -> CollectionVersion.delete("id", id))
                    .replaceWithVoid();
        }));
    }

    /**
     * Puts an alias on a version, moving it from the version that held it in this collection. Two round trips and
     * one resolution of the path: the version is located first (one statement, no lock), then {@code BEGIN}, the
     * collection's lock by its id, the change with its event keyed by the version's id and {@code COMMIT} go out
     * together ({@link Tx#pipelined}), so the lock is held for the database's own work only, never across a round
     * trip or this service's handling. Should the path name another version by then (an alias moved meanwhile, or
     * the version was unlinked), nothing was written and the change is made the longer way.
     */
    public Uni<VersionView> addAlias(Caller caller, CollectionRef ref, String version, AliasRequest request) {
        String alias = Names.userAlias(request.alias(), "alias");
        String author = caller.name();
        return store.locate(tx.sql(), ref, version).flatMap(before -> addAlias(author, ref, version, alias, before));
    }

    /** {@link #addAlias} to the version {@code before} was located as, the fallback included. */
    Uni<VersionView> addAlias(String author, CollectionRef ref, String version, String alias,
            VersionStore.Located before) {
        VersionContext ctx = before.context();
        PendingEvent event = events.pending(EventType.ADD_ARTIFACT_ALIAS, ctx, alias, null, author);
        return changeLocated(before, conn -> store.setAlias(conn, ctx, version, alias, Timestamps.now(clock), event),
                () -> addAliasUnderLock(author, ref, version, alias));
    }

    /**
     * The second round trip of an add: {@code BEGIN}, the lock of the collection {@code before} was located in, the
     * change with its event and {@code COMMIT} together; the longer way when the change found the path naming another
     * version by then (it wrote nothing).
     */
    private Uni<VersionView> changeLocated(VersionStore.Located before,
            Function<SqlConnection, Uni<Optional<VersionStore.Change>>> change, Supplier<Uni<VersionView>> longerWay) {
        return tx.pipelined(conn -> Tx.commit(conn, Uni.combine().all()
                .unis(store.lock(conn, before.context().path().collection().id).replaceWith(Boolean.TRUE),
                        change.apply(conn))
                .with((locked, changed) -> changed)))
                .flatMap(changed -> changed.isPresent() ? Uni.createFrom().item(view(before, changed.get()))
                        : longerWay.get());
    }

    /**
     * The longer way of {@link #addAlias}: lock, upsert and the read of the version after it in one round trip, the
     * event and COMMIT in a second, the lock held across both.
     */
    private Uni<VersionView> addAliasUnderLock(String author, CollectionRef ref, String version, String alias) {
        return tx.pipelined(conn -> Uni.combine().all()
                .unis(store.lock(conn, ref).replaceWith(Boolean.TRUE),
                        store.setAlias(conn, ref, version, alias, Timestamps.now(clock)),
                        store.read(conn, ref, version))
                .with((locked, changed, stored) -> Tx.commit(conn, changed
                        ? events.emit(conn, EventType.ADD_ARTIFACT_ALIAS, stored, alias, null, author)
                        : Uni.createFrom().voidItem(), views.view(stored)))
                .flatMap(committed -> committed));
    }

    public Uni<Void> removeAlias(CollectionRef ref, String version, String alias) {
        Names.userAlias(alias, "alias");
        return tx.write(() -> collections.resolve(ref, true).flatMap(path -> version(path, version))
                .flatMap(ctx -> VersionAlias.find(ctx.path().collection().id, alias).flatMap(held -> {
                    if (held == null || !held.versionId.equals(ctx.version().id)) {
                        throw ApiException.notFound("Version " + ctx.versionString() + " has no alias '" + alias
                                + "'.");
                    }
                    return VersionAlias.delete("id", held.id).replaceWithVoid();
                })));
    }

    /** Adds a tag to a version: two round trips, one resolution of the path, the lock held for one (as addAlias). */
    public Uni<VersionView> addTag(Caller caller, CollectionRef ref, String version, TagRequest request) {
        String tag = request.tag();
        String author = caller.name();
        return store.locate(tx.sql(), ref, version).flatMap(before -> addTag(author, ref, version, tag, before));
    }

    /** {@link #addTag} to the version {@code before} was located as, the fallback included. */
    Uni<VersionView> addTag(String author, CollectionRef ref, String version, String tag,
            VersionStore.Located before) {
        VersionContext ctx = before.context();
        PendingEvent event = events.pending(EventType.ADD_ARTIFACT_TAG, ctx, null, tag, author);
        return changeLocated(before, conn -> store.addTag(conn, ctx, version, tag, Timestamps.now(clock), event),
                () -> addTagUnderLock(author, ref, version, tag));
    }

    /** The longer way of {@link #addTag}, as {@link #addAliasUnderLock}. */
    private Uni<VersionView> addTagUnderLock(String author, CollectionRef ref, String version, String tag) {
        return tx.pipelined(conn -> Uni.combine().all()
                .unis(store.lock(conn, ref).replaceWith(Boolean.TRUE),
                        store.addTag(conn, ref, version, tag, Timestamps.now(clock)),
                        store.read(conn, ref, version))
                .with((locked, added, stored) -> Tx.commit(conn, added
                        ? events.emit(conn, EventType.ADD_ARTIFACT_TAG, stored, null, tag, author)
                        : Uni.createFrom().voidItem(), views.view(stored)))
                .flatMap(committed -> committed));
    }

    /** The view of a version located before a change, with its aliases and tags as the change left them. */
    private VersionView view(VersionStore.Located before, VersionStore.Change change) {
        return views.view(new VersionStore.StoredVersion(before.context(), change.aliases(), change.tags(),
                before.links()));
    }

    public Uni<Void> removeTag(Caller caller, CollectionRef ref, String version, String tag) {
        Names.tag(tag, "tag");
        String author = caller.name();
        return tx.write(() -> collections.resolve(ref, true).flatMap(path -> version(path, version))
                .flatMap(ctx -> VersionTag.find(ctx.version().id, tag).flatMap(held -> {
                    if (held == null) {
                        throw ApiException.notFound("Version " + ctx.versionString() + " has no tag '" + tag + "'.");
                    }
                    return VersionTag.delete("id", held.id)
                            .chain(() -> events.emit(EventType.REMOVE_ARTIFACT_TAG, ctx, null, tag, author))
                            .replaceWithVoid();
                })));
    }

    /** A version by path: one statement ({@link VersionStore#view}). */
    public Uni<VersionView> get(CollectionRef ref, String version) {
        return store.view(tx.sql(), ref, version);
    }

    public Uni<Page<VersionView>> list(CollectionRef ref, PageRequest page) {
        Integer after = page.afterInt();
        return tx.read(() -> collections.resolve(ref, false).flatMap(path -> CollectionVersion
                .<CollectionVersion>find("collectionId = ?1 and versionIndex > ?2 order by versionIndex",
                        path.collection().id, after == null ? -1 : after)
                .range(0, page.limit()).list()
                .flatMap(rows -> {
                    Page<CollectionVersion> versions = Page.of(rows, page, v -> String.valueOf(v.versionIndex),
                            v -> v);
                    return Multi.createFrom().iterable(versions.items())
                            .onItem().transformToUniAndConcatenate(v -> Artifact.<Artifact>findById(v.artifactId)
                                    .flatMap(a -> context(path, v, a)).flatMap(views::view))
                            .collect().asList()
                            .map(items -> new Page<>(items, versions.nextCursor()));
                })));
    }

    /**
     * The collection and version an artifact was created as, for the {@code /api/v1/artifacts/{id}} shorthand; the
     * caller needs {@code role} in its entity (an artifact of an entity the caller cannot see is not found).
     */
    public Uni<SourceRef> source(Caller caller, String id, Role role) {
        UUID artifactId = artifactIdOrNotFound(id);
        return tx.read(() -> Artifact.<Artifact>findById(artifactId).flatMap(a -> {
            if (a == null) {
                throw ApiException.notFound("No artifact '" + id + "'.");
            }
            return collections.pathOf(a.collectionId).flatMap(path -> {
                EntityPermissions.requireFound(caller, path.entity().name, role,
                        () -> ApiException.notFound("No artifact '" + id + "'."));
                return CollectionVersion.ofArtifact(a.collectionId, a.id)
                        .map(v -> new SourceRef(path.ref(), Names.version(v.versionIndex)));
            });
        }));
    }

    /** A version of a collection by path. */
    public record SourceRef(CollectionRef collection, String version) {
    }

    private Uni<VersionContext> version(CollectionPath path, String text) {
        int index = Names.versionIndex(text);
        Uni<CollectionVersion> found = index >= 0 ? CollectionVersion.byIndex(path.collection().id, index)
                : VersionAlias.find(path.collection().id, text).flatMap(alias -> alias == null
                        ? Uni.createFrom().nullItem()
                        : CollectionVersion.<CollectionVersion>findById(alias.versionId));
        return found.flatMap(v -> {
            if (v == null) {
                throw ApiException.notFound("No version '" + text + "' in collection '" + path.entity().name + "/"
                        + path.parent() + "/" + path.collection().name + "'.");
            }
            return Artifact.<Artifact>findById(v.artifactId).flatMap(a -> context(path, v, a));
        });
    }

    Uni<VersionContext> context(CollectionPath path, CollectionVersion v, Artifact a) {
        if (path.collection().id.equals(a.collectionId)) {
            return Uni.createFrom().item(new VersionContext(path, v, a, path, v.versionIndex));
        }
        return collections.pathOf(a.collectionId).flatMap(source -> CollectionVersion
                .ofArtifact(a.collectionId, a.id)
                .map(sv -> new VersionContext(path, v, a, source, sv.versionIndex)));
    }

    CollectionVersion newVersion(CollectionPath path, UUID artifactId, String author) {
        CollectionVersion v = new CollectionVersion();
        v.id = UUID.randomUUID();
        v.collectionId = path.collection().id;
        v.artifactId = artifactId;
        v.versionIndex = path.collection().nextIndex++;
        v.createdBy = author;
        v.createdAt = Timestamps.now(clock);
        return v;
    }

    /** {@code latest} moves to a new version; it emits no event (it is no alias a user added). */
    Uni<Boolean> moveLatest(CollectionPath path, CollectionVersion v) {
        return setAlias(path.collection().id, v.id, Names.LATEST);
    }

    private Uni<Void> latestFallsBack(VersionContext removed) {
        UUID collectionId = removed.path().collection().id;
        return VersionAlias.find(collectionId, Names.LATEST).flatMap(latest -> {
            if (latest == null || !latest.versionId.equals(removed.version().id)) {
                return Uni.createFrom().voidItem();
            }
            return CollectionVersion.<CollectionVersion>find(
                    "collectionId = ?1 and id <> ?2 order by versionIndex desc", collectionId, removed.version().id)
                    .firstResult().flatMap(newest -> {
                        if (newest == null) {
                            return VersionAlias.delete("id", latest.id).replaceWithVoid();
                        }
                        latest.versionId = newest.id;
                        return Uni.createFrom().voidItem();
                    });
        });
    }

    Uni<Void> addAliases(VersionContext v, List<String> aliases, String author) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String alias : aliases) {
            chain = chain.chain(() -> setAlias(v.path().collection().id, v.version().id, alias))
                    .chain(changed -> changed
                            ? events.emit(EventType.ADD_ARTIFACT_ALIAS, v, alias, null, author).replaceWithVoid()
                            : Uni.createFrom().voidItem());
        }
        return chain;
    }

    /** True when the alias was not on this version before. */
    private Uni<Boolean> setAlias(UUID collectionId, UUID versionId, String alias) {
        return VersionAlias.find(collectionId, alias).flatMap(held -> {
            if (held == null) {
                VersionAlias a = new VersionAlias();
                a.id = UUID.randomUUID();
                a.collectionId = collectionId;
                a.versionId = versionId;
                a.alias = alias;
                a.createdAt = Timestamps.now(clock);
                return a.persist().replaceWith(true);
            }
            if (held.versionId.equals(versionId)) {
                return Uni.createFrom().item(false);
            }
            held.versionId = versionId;
            held.createdAt = Timestamps.now(clock);
            return Uni.createFrom().item(true);
        });
    }

    Uni<Void> addTags(VersionContext v, List<String> tags, String author) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String tag : tags) {
            chain = chain.chain(() -> VersionTag.find(v.version().id, tag)).chain(held -> {
                if (held != null) {
                    return Uni.createFrom().voidItem();
                }
                VersionTag t = new VersionTag();
                t.id = UUID.randomUUID();
                t.versionId = v.version().id;
                t.tag = tag;
                t.createdAt = Timestamps.now(clock);
                return t.persist().chain(() -> events.emit(EventType.ADD_ARTIFACT_TAG, v, null, tag, author))
                        .replaceWithVoid();
            });
        }
        return chain;
    }

    String metadata(ObjectNode metadata) {
        if (metadata == null) {
            return "{}";
        }
        String text = json.write(metadata);
        if (text.length() > MAX_METADATA_CHARS) {
            throw ApiException.tooLarge("'metadata' may be at most " + MAX_METADATA_CHARS + " characters of JSON.");
        }
        return text;
    }

    /** Aliases to add: deduplicated, {@code latest} dropped (every new version gets it anyway). */
    private static List<String> aliases(List<String> aliases) {
        return Names.distinct(aliases).stream().filter(alias -> !Names.LATEST.equals(alias)).toList();
    }

    private static UUID artifactIdOrNotFound(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No artifact '" + id + "'.");
        }
    }
}
