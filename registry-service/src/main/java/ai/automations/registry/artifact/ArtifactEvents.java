package ai.automations.registry.artifact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.registry.collection.CollectionPath;
import ai.automations.registry.outbox.Outbox;
import ai.automations.registry.outbox.Outbox.PendingEvent;
import ai.automations.registry.support.JsonText;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Writes artifact events to the outbox: subject = the version string, key = the id of the collection the event
 * happens in, data = the version as that collection numbers it plus where it comes from, with the version's aliases
 * and tags after the change and the collection's tags (what {@code where} filters read). Collection tag events name
 * the collection only.
 */
@ApplicationScoped
public class ArtifactEvents {

    private final Outbox outbox;
    private final JsonText json;
    private final VersionViews views;

    public ArtifactEvents(Outbox outbox, JsonText json, VersionViews views) {
        this.outbox = outbox;
        this.json = json;
        this.views = views;
    }

    public Uni<CloudEvent> emit(EventType type, VersionContext v, String alias, String tag, String author) {
        return emit(type, v, alias, tag, author, List.of(), List.of());
    }

    /** As {@link #emit(EventType, VersionContext, String, String, String)}, with aliases and tags about to be added. */
    public Uni<CloudEvent> emit(EventType type, VersionContext v, String alias, String tag, String author,
            List<String> addedAliases, List<String> addedTags) {
        return views.aliases(v.version().id).flatMap(aliases -> views.tags(v.version().id).flatMap(tags -> outbox
                .event(type, v.versionString(), v.path().key(), data(v, alias, tag, author,
                        union(aliases, addedAliases), union(tags, addedTags)))));
    }

    /**
     * As {@link #emit(EventType, VersionContext, String, String, String)} for a version read after the change
     * ({@link VersionStore}), on the connection of its pipelined transaction.
     */
    public Uni<CloudEvent> emit(SqlClient connection, EventType type, VersionStore.StoredVersion v, String alias,
            String tag, String author) {
        VersionContext ctx = v.context();
        return outbox.event(connection, type, ctx.versionString(), ctx.path().key(),
                data(ctx, alias, tag, author, v.aliases(), v.tags()));
    }

    /**
     * The event of a change to {@code ctx} (located before it) whose aliases, tags and collection tags are filled in
     * by the statement that makes the change ({@link VersionStore#addTag(SqlClient, VersionContext, String, String,
     * java.time.OffsetDateTime, PendingEvent)}): the rest of the data cannot change under it (a version's artifact,
     * source and names are fixed).
     */
    public PendingEvent pending(EventType type, VersionContext ctx, String alias, String tag, String author) {
        return outbox.pending(type, ctx.versionString(), ctx.path().key(), data(ctx, alias, tag, author,
                List.of(VersionStore.Placeholders.ALIASES), List.of(VersionStore.Placeholders.TAGS),
                List.of(VersionStore.Placeholders.COLLECTION_TAGS)));
    }

    /** A tag added to or removed from a collection; subject = the collection's path. */
    public Uni<CloudEvent> emitCollectionTag(EventType type, CollectionPath path, String tag, String author) {
        ArtifactEventData data = new ArtifactEventData(path.entity().name, path.project(), path.registry(),
                path.collection().name, path.key(), path.collection().type, null, null, null, null, null, null, null,
                tag, author, null, null, null, null, null, null, null, collectionTags(path));
        String subject = path.entity().name + "/" + path.parent() + "/" + path.collection().name;
        return outbox.event(type, subject, path.key(), data);
    }

    private List<String> collectionTags(CollectionPath path) {
        return path.collection().tags == null ? List.of() : List.of(json.read(path.collection().tags, String[].class));
    }

    private static List<String> union(List<String> held, List<String> added) {
        if (added.isEmpty()) {
            return held;
        }
        LinkedHashSet<String> all = new LinkedHashSet<>(held);
        all.addAll(added);
        return new ArrayList<>(all);
    }

    ArtifactEventData data(VersionContext v, String alias, String tag, String author, List<String> aliases,
            List<String> tags) {
        return data(v, alias, tag, author, aliases, tags, collectionTags(v.path()));
    }

    private ArtifactEventData data(VersionContext v, String alias, String tag, String author, List<String> aliases,
            List<String> tags, List<String> collectionTags) {
        Artifact a = v.artifact();
        return new ArtifactEventData(
                v.path().entity().name,
                v.path().project(),
                v.path().registry(),
                v.path().collection().name,
                v.path().key(),
                v.path().collection().type,
                a.id.toString(),
                a.type,
                v.versionName(),
                v.version().versionIndex,
                v.versionString(),
                a.digest,
                alias,
                tag,
                author,
                a.runId,
                json.readMap(a.metadata),
                v.sourcePath().project(),
                v.sourcePath().collection().name,
                v.sourceVersionString(),
                aliases,
                tags,
                collectionTags);
    }
}
