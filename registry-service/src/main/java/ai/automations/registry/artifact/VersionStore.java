package ai.automations.registry.artifact;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.error.ApiException;
import ai.automations.registry.artifact.ArtifactViews.LinkView;
import ai.automations.registry.artifact.ArtifactViews.SourceView;
import ai.automations.registry.artifact.ArtifactViews.VersionView;
import ai.automations.registry.collection.ArtifactCollection;
import ai.automations.registry.collection.CollectionPath;
import ai.automations.registry.collection.CollectionRef;
import ai.automations.registry.entity.EntityNamespace;
import ai.automations.registry.outbox.Outbox.PendingEvent;
import ai.automations.registry.support.JsonText;
import ai.automations.registry.support.Names;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A version of a collection named by path, read and changed with one prepared statement each on the reactive SQL
 * client: the hot paths (GET of a version, tag and alias adds) cost one statement per step instead of the dozen
 * entity loads the same answer takes through Hibernate. A tag or alias add resolves the path once: {@link #locate}
 * finds the version by the path's names (no lock; a collection's and a version's ids never change, and neither
 * does the version an index names), then the lock and the change with its event are keyed by those ids and sent
 * together ({@code Tx.pipelined}); only what can move under the lock (the version an alias names, or the version
 * itself being unlinked) is checked again there.
 */
@ApplicationScoped
public class VersionStore {

    /** The statements of one kind of collection (project or registry) and one way of naming a version. */
    private record Statements(String lock, String read, String locate, String addTag, String setAlias) {
    }

    /** The id-keyed change statements of one way of naming a version (any kind of collection). */
    private record Changes(String addTagWithEvent, String setAliasWithEvent) {
    }

    private static final String LOCK_BY_ID = "SELECT id FROM collections WHERE id = $1 FOR NO KEY UPDATE";

    private final Statements projectByIndex = statements(CollectionRef.Kind.PROJECT, false);
    private final Statements projectByAlias = statements(CollectionRef.Kind.PROJECT, true);
    private final Statements registryByIndex = statements(CollectionRef.Kind.REGISTRY, false);
    private final Statements registryByAlias = statements(CollectionRef.Kind.REGISTRY, true);
    private final Changes changesByIndex = changes(false);
    private final Changes changesByAlias = changes(true);
    private final JsonText json;

    public VersionStore(JsonText json) {
        this.json = json;
    }

    /**
     * Locks the collection's row, as every change to a collection does first: changes of one collection are serial
     * and their outbox rows get ids in commit order. No row (no such collection) locks nothing; the read says why.
     */
    public Uni<Void> lock(SqlClient client, CollectionRef ref) {
        return client.preparedQuery(statements(ref, "v0").lock())
                .execute(Tuple.of(ref.entity(), ref.parent(), ref.name())).replaceWithVoid();
    }

    /** As {@link #lock(SqlClient, CollectionRef)}, by the collection's primary key ({@link #locate} found it). */
    public Uni<Void> lock(SqlClient client, UUID collectionId) {
        return client.preparedQuery(LOCK_BY_ID).execute(Tuple.of(collectionId)).replaceWithVoid();
    }

    /** Adds a tag to the version; true when it was not there. */
    public Uni<Boolean> addTag(SqlClient client, CollectionRef ref, String version, String tag, OffsetDateTime now) {
        return client.preparedQuery(statements(ref, version).addTag())
                .execute(names(ref, version).addValue(UUID.randomUUID()).addValue(tag).addValue(now))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Puts an alias on the version, moving it from the version of the collection that held it; true on a change. */
    public Uni<Boolean> setAlias(SqlClient client, CollectionRef ref, String version, String alias,
            OffsetDateTime now) {
        return client.preparedQuery(statements(ref, version).setAlias())
                .execute(names(ref, version).addValue(UUID.randomUUID()).addValue(alias).addValue(now))
                .map(rows -> rows.rowCount() > 0);
    }

    /**
     * Adds a tag to the version {@code before} names ({@link #locate}d by {@code version}) and writes the change's
     * event in the same statement, keyed by the version's id: its aliases, tags and the collection's tags are filled
     * in from the state under the collection's lock (taken by {@link #lock(SqlClient, UUID)} just before). Empty when
     * the path no longer names that version (it was unlinked, or {@code version} is an alias that moved since); then
     * nothing is written and the caller takes the longer way.
     */
    public Uni<Optional<Change>> addTag(SqlClient client, VersionContext before, String version, String tag,
            OffsetDateTime now, PendingEvent event) {
        return withEvent(client, changes(version).addTagWithEvent(), before, version, tag, now, event);
    }

    /** As {@link #addTag(SqlClient, VersionContext, String, String, OffsetDateTime, PendingEvent)}, an alias. */
    public Uni<Optional<Change>> setAlias(SqlClient client, VersionContext before, String version, String alias,
            OffsetDateTime now, PendingEvent event) {
        return withEvent(client, changes(version).setAliasWithEvent(), before, version, alias, now, event);
    }

    /** What a change with its event did: whether it changed anything (and wrote the event), and the state after it. */
    public record Change(boolean changed, List<String> aliases, List<String> tags) {
    }

    /** The placeholders a {@link PendingEvent}'s data holds for the aliases, tags and collection tags. */
    public static final class Placeholders {

        /** Random per process: no stored or user-given text can be mistaken for one. */
        public static final String ALIASES = "aliases-" + UUID.randomUUID();
        public static final String TAGS = "tags-" + UUID.randomUUID();
        public static final String COLLECTION_TAGS = "collection-tags-" + UUID.randomUUID();

        private Placeholders() {
        }

        /** How a placeholder list ({@code List.of(ALIASES)}) appears in the JSON text. */
        static String json(String placeholder) {
            return "[\"" + placeholder + "\"]";
        }
    }

    private Uni<Optional<Change>> withEvent(SqlClient client, String sql, VersionContext before, String version,
            String value, OffsetDateTime now, PendingEvent event) {
        Tuple args = Tuple.tuple().addValue(before.version().id).addValue(UUID.randomUUID()).addValue(value)
                .addValue(now).addValue(event.payload()).addValue(Placeholders.json(Placeholders.ALIASES))
                .addValue(Placeholders.json(Placeholders.TAGS)).addValue(Placeholders.json(Placeholders.COLLECTION_TAGS))
                .addValue(event.topic()).addValue(event.key()).addValue(event.contentType())
                .addValue(event.createdAt()).addValue(event.traceparent());
        if (Names.versionIndex(version) < 0) {
            args.addValue(version);
        }
        return client.preparedQuery(sql).execute(args).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return Optional.<Change>empty();
            }
            Row row = it.next();
            return Optional.of(new Change(row.getBoolean("changed"),
                    List.of(row.getArrayOfStrings("aliases")), List.of(row.getArrayOfStrings("tags"))));
        });
    }

    /** The version with its aliases, tags and links, or a 404 naming the first part of the path that is missing. */
    public Uni<StoredVersion> read(SqlClient client, CollectionRef ref, String version) {
        return client.preparedQuery(statements(ref, version).read()).execute(names(ref, version))
                .map(rows -> version(rows, ref, version, true));
    }

    /**
     * The version a change is about to be made to, as {@link #read} finds it (the same 404s) but without its own
     * aliases and tags: the change reads those under the lock ({@link Change}), and they are the one part of a
     * version that grows with use. The links stay, for the change's answer.
     */
    public Uni<Located> locate(SqlClient client, CollectionRef ref, String version) {
        return client.preparedQuery(statements(ref, version).locate()).execute(names(ref, version))
                .map(rows -> version(rows, ref, version, false))
                .map(found -> new Located(found.context(), found.links()));
    }

    /** A version as {@link #read} found it. */
    public record StoredVersion(VersionContext context, List<String> aliases, List<String> tags,
            List<LinkView> links) {
    }

    /**
     * The API view of the version (a GET), made from the same statement's rows straight away: the same view as
     * {@link VersionViews#view(StoredVersion)} of {@link #read}, without the entities and context a change's event
     * needs, which a read only would build to throw away.
     */
    public Uni<VersionView> view(SqlClient client, CollectionRef ref, String version) {
        return client.preparedQuery(statements(ref, version).read()).execute(names(ref, version))
                .map(rows -> view(rows, ref, version));
    }

    private VersionView view(RowSet<Row> rows, CollectionRef ref, String text) {
        var it = rows.iterator();
        Row row = found(it, ref, text);
        boolean project = ref.kind() == CollectionRef.Kind.PROJECT;
        String entity = row.getString("entity_name");
        String parent = row.getString("parent_name");
        String collection = row.getString("collection_name");
        UUID collectionId = row.getUUID("collection_id");
        int index = row.getInteger("version_index");
        String version = Names.version(index);
        String versionString = entity + "/" + parent + "/" + collection + ":" + version;
        UUID artifactCollection = row.getUUID("artifact_collection_id");
        SourceView source;
        if (artifactCollection.equals(collectionId)) {
            source = new SourceView(project ? parent : null, collection, collectionId.toString(), version, index,
                    versionString);
        } else {
            String sourceProject = row.getString("source_project");
            String sourceCollection = row.getString("source_collection");
            int sourceIndex = row.getInteger("source_index");
            String sourceVersion = Names.version(sourceIndex);
            source = new SourceView(sourceProject, sourceCollection, artifactCollection.toString(), sourceVersion,
                    sourceIndex, entity + "/" + sourceProject + "/" + sourceCollection + ":" + sourceVersion);
        }
        return new VersionView(row.getUUID("artifact_id").toString(), entity, project ? parent : null,
                project ? null : parent, collection, collectionId.toString(), row.getString("artifact_type"),
                version, index, versionString, row.getString("digest"), json.readMap(row.getString("metadata")),
                row.getString("run_id"), row.getString("author"), row.getOffsetDateTime("version_at"),
                aliases(row.getArrayOfStrings("aliases")), List.of(row.getArrayOfStrings("tags")), source,
                links(entity, row, it));
    }

    /** The read's first row once it names a version, or the 404 naming the first part of the path that is missing. */
    private static Row found(Iterator<Row> it, CollectionRef ref, String text) {
        if (!it.hasNext()) {
            throw ApiException.notFound("No entity '" + ref.entity() + "'.");
        }
        Row row = it.next();
        boolean project = ref.kind() == CollectionRef.Kind.PROJECT;
        if (row.getString("parent_name") == null) {
            throw ApiException.notFound("No " + (project ? "project" : "registry") + " '" + ref.parent()
                    + "' in entity '" + ref.entity() + "'.");
        }
        if (row.getUUID("collection_id") == null) {
            throw ApiException.notFound("No collection '" + ref.name() + "' in " + (project ? "project" : "registry")
                    + " '" + ref.parent() + "'.");
        }
        if (row.getUUID("version_id") == null) {
            throw ApiException.notFound("No version '" + text + "' in collection '" + row.getString("entity_name")
                    + "/" + row.getString("parent_name") + "/" + row.getString("collection_name") + "'.");
        }
        return row;
    }

    /** {@code latest} first, then the others alphabetically. */
    private static List<String> aliases(String[] aliases) {
        return Arrays.stream(aliases).sorted(VersionViews.ALIAS_ORDER).toList();
    }

    /** The links from the read's rows: one per row (the first one included) that names one. */
    private static List<LinkView> links(String entity, Row first, Iterator<Row> rest) {
        List<LinkView> links = new ArrayList<>();
        for (Row link = first; link != null; link = rest.hasNext() ? rest.next() : null) {
            if (link.getUUID("link_id") != null) {
                links.add(link(entity, link));
            }
        }
        return links;
    }

    /** A version as {@link #locate} found it: ids and names for a change and its event, links for its answer. */
    public record Located(VersionContext context, List<LinkView> links) {
    }

    private StoredVersion version(RowSet<Row> rows, CollectionRef ref, String text, boolean withLabels) {
        var it = rows.iterator();
        Row row = found(it, ref, text);
        boolean project = ref.kind() == CollectionRef.Kind.PROJECT;
        EntityNamespace entity = new EntityNamespace();
        entity.id = row.getUUID("entity_id");
        entity.name = row.getString("entity_name");
        ArtifactCollection c = new ArtifactCollection();
        c.id = row.getUUID("collection_id");
        c.entityId = entity.id;
        c.name = row.getString("collection_name");
        c.type = row.getString("collection_type");
        c.tags = row.getString("collection_tags");
        String parent = row.getString("parent_name");
        CollectionPath path = new CollectionPath(entity, project ? parent : null, project ? null : parent, c);
        CollectionVersion v = new CollectionVersion();
        v.id = row.getUUID("version_id");
        v.collectionId = c.id;
        v.versionIndex = row.getInteger("version_index");
        v.createdBy = row.getString("version_by");
        v.createdAt = row.getOffsetDateTime("version_at");
        Artifact a = new Artifact();
        a.id = row.getUUID("artifact_id");
        a.entityId = entity.id;
        a.collectionId = row.getUUID("artifact_collection_id");
        a.type = row.getString("artifact_type");
        a.digest = row.getString("digest");
        a.metadata = row.getString("metadata");
        a.runId = row.getString("run_id");
        a.author = row.getString("author");
        a.createdAt = row.getOffsetDateTime("artifact_at");
        v.artifactId = a.id;
        VersionContext context;
        if (a.collectionId.equals(c.id)) {
            context = new VersionContext(path, v, a, path, v.versionIndex);
        } else {
            ArtifactCollection source = new ArtifactCollection();
            source.id = a.collectionId;
            source.entityId = entity.id;
            source.name = row.getString("source_collection");
            CollectionPath sourcePath = new CollectionPath(entity, row.getString("source_project"), null, source);
            context = new VersionContext(path, v, a, sourcePath, row.getInteger("source_index"));
        }
        List<String> aliases = withLabels ? aliases(row.getArrayOfStrings("aliases")) : List.of();
        List<String> tags = withLabels ? List.of(row.getArrayOfStrings("tags")) : List.of();
        return new StoredVersion(context, aliases, tags, links(entity.name, row, it));
    }

    private static LinkView link(String entity, Row row) {
        String registry = row.getString("link_registry");
        String parent = registry != null ? registry : row.getString("link_project");
        String collection = row.getString("link_collection");
        int index = row.getInteger("link_index");
        return new LinkView(registry, collection, row.getUUID("link_collection_id").toString(), Names.version(index),
                index, entity + "/" + parent + "/" + collection + ":" + Names.version(index),
                aliases(row.getArrayOfStrings("link_aliases")),
                List.of(row.getArrayOfStrings("link_tags")), row.getString("link_by"),
                row.getOffsetDateTime("link_at"));
    }

    private Changes changes(String version) {
        return Names.versionIndex(version) < 0 ? changesByAlias : changesByIndex;
    }

    private Statements statements(CollectionRef ref, String version) {
        boolean byAlias = Names.versionIndex(version) < 0;
        if (ref.kind() == CollectionRef.Kind.PROJECT) {
            return byAlias ? projectByAlias : projectByIndex;
        }
        return byAlias ? registryByAlias : registryByIndex;
    }

    /** $1 entity, $2 project or registry, $3 collection, $4 the version's index or alias. */
    private static Tuple names(CollectionRef ref, String version) {
        int index = Names.versionIndex(version);
        return Tuple.tuple().addValue(ref.entity()).addValue(ref.parent()).addValue(ref.name())
                .addValue(index >= 0 ? (Object) index : version);
    }

    private static Statements statements(CollectionRef.Kind kind, boolean byAlias) {
        String parents = kind == CollectionRef.Kind.PROJECT ? "projects" : "registries";
        String parentColumn = kind == CollectionRef.Kind.PROJECT ? "project_id" : "registry_id";
        String version = byAlias
                ? "SELECT cv.* FROM version_aliases va JOIN c ON va.collection_id = c.id "
                        + "JOIN collection_versions cv ON cv.id = va.version_id WHERE va.alias = $4"
                : "SELECT cv.* FROM collection_versions cv JOIN c ON cv.collection_id = c.id "
                        + "WHERE cv.version_index = $4";
        String resolve = resolve(parents, parentColumn, version);
        String readVersion = version.replaceFirst("^SELECT cv\\.\\* ", """
                SELECT cv.*, ARRAY(SELECT xa.alias FROM version_aliases xa WHERE xa.version_id = cv.id) AS aliases,
                  ARRAY(SELECT xt.tag FROM version_tags xt WHERE xt.version_id = cv.id ORDER BY xt.tag) AS tags
                """.stripTrailing() + " ");
        String lock = """
                SELECT c.id FROM collections c JOIN %s x ON x.id = c.%s JOIN entities e ON e.id = x.entity_id
                WHERE e.name = $1 AND x.name = $2 AND c.name = $3 FOR NO KEY UPDATE OF c""".formatted(parents,
                parentColumn);
        String read = resolve(parents, parentColumn, readVersion) + select("""
                  v.aliases, v.tags,
                """);
        String locate = resolve + select("");
        String addTag = resolve + """
                INSERT INTO version_tags (id, version_id, tag, created_at)
                SELECT $5::uuid, v.id, $6::text, $7::timestamptz FROM v
                ON CONFLICT (version_id, tag) DO NOTHING RETURNING id""";
        String setAlias = resolve + """
                INSERT INTO version_aliases (id, collection_id, version_id, alias, created_at)
                SELECT $5::uuid, v.collection_id, v.id, $6::text, $7::timestamptz FROM v
                ON CONFLICT (collection_id, alias) DO UPDATE SET version_id = EXCLUDED.version_id,
                  created_at = EXCLUDED.created_at
                WHERE version_aliases.version_id <> EXCLUDED.version_id RETURNING id""";
        return new Statements(lock, read, locate, addTag, setAlias);
    }

    /** The CTEs that find the version by the path's names: e, p (project or registry), c, and v ({@code version}). */
    private static String resolve(String parents, String parentColumn, String version) {
        return """
                WITH e AS (SELECT id, name FROM entities WHERE name = $1),
                p AS (SELECT x.id, x.name FROM %s x JOIN e ON x.entity_id = e.id WHERE x.name = $2),
                c AS (SELECT c.id, c.name, c.type, c.tags FROM collections c JOIN p ON c.%s = p.id WHERE c.name = $3),
                v AS (%s)
                """.formatted(parents, parentColumn, version);
    }

    /** The read of a version with {@code labels} (its own aliases and tags, or nothing) among its columns. */
    private static String select(String labels) {
        return """
                SELECT e.id AS entity_id, e.name AS entity_name, p.name AS parent_name, c.id AS collection_id,
                  c.name AS collection_name, c.type AS collection_type, c.tags AS collection_tags,
                  v.id AS version_id, v.version_index, v.created_by AS version_by, v.created_at AS version_at,
                  a.id AS artifact_id, a.collection_id AS artifact_collection_id, a.type AS artifact_type, a.digest,
                  a.metadata, a.run_id, a.author, a.created_at AS artifact_at,
                """ + labels + """
                  sp.name AS source_project, sc.name AS source_collection, sv.version_index AS source_index,
                  l.*
                FROM e LEFT JOIN p ON true LEFT JOIN c ON true LEFT JOIN v ON true
                LEFT JOIN artifacts a ON a.id = v.artifact_id
                LEFT JOIN collections sc ON sc.id = a.collection_id
                LEFT JOIN projects sp ON sp.id = sc.project_id
                LEFT JOIN collection_versions sv ON sv.collection_id = a.collection_id AND sv.artifact_id = a.id
                LEFT JOIN LATERAL (
                  SELECT lv.id AS link_id, lv.version_index AS link_index, lv.created_by AS link_by,
                    lv.created_at AS link_at, lc.id AS link_collection_id, lc.name AS link_collection,
                    lr.name AS link_registry, lp.name AS link_project,
                    ARRAY(SELECT la.alias FROM version_aliases la WHERE la.version_id = lv.id) AS link_aliases,
                    ARRAY(SELECT lt.tag FROM version_tags lt WHERE lt.version_id = lv.id ORDER BY lt.tag) AS link_tags
                  FROM collection_versions lv JOIN collections lc ON lc.id = lv.collection_id
                  LEFT JOIN registries lr ON lr.id = lc.registry_id LEFT JOIN projects lp ON lp.id = lc.project_id
                  WHERE lv.artifact_id = a.id AND lv.collection_id <> a.collection_id) l ON true
                ORDER BY l.link_at, l.link_id""";
    }

    /**
     * The id-keyed changes with their events: $1 the version's id ({@link #locate}d before the lock), $2 the new
     * row's id, $3 the tag or alias, $4 now; for a version named by an alias, $14 that alias, which must still name
     * it under the lock (an index always names the same version while it exists).
     */
    private static Changes changes(boolean byAlias) {
        String target = "SELECT cv.id, cv.collection_id FROM collection_versions cv WHERE cv.id = $1"
                + (byAlias ? " AND EXISTS (SELECT 1 FROM version_aliases pa WHERE pa.collection_id = cv.collection_id"
                        + " AND pa.alias = $14 AND pa.version_id = cv.id)" : "");
        String addTagWithEvent = withEvent(target, """
                INSERT INTO version_tags (id, version_id, tag, created_at)
                  SELECT $2::uuid, t.id, $3::text, $4::timestamptz FROM t
                  ON CONFLICT (version_id, tag) DO NOTHING RETURNING id""", "", "UNION SELECT $3::text");
        String setAliasWithEvent = withEvent(target, """
                INSERT INTO version_aliases (id, collection_id, version_id, alias, created_at)
                  SELECT $2::uuid, t.collection_id, t.id, $3::text, $4::timestamptz FROM t
                  ON CONFLICT (collection_id, alias) DO UPDATE SET version_id = EXCLUDED.version_id,
                    created_at = EXCLUDED.created_at
                  WHERE version_aliases.version_id <> EXCLUDED.version_id RETURNING id""", "UNION SELECT $3::text", "");
        return new Changes(addTagWithEvent, setAliasWithEvent);
    }

    /**
     * A change and its event in one statement, sent right behind the collection's lock: {@code target} is the
     * version if the path still names it. The statement's snapshot is taken once the lock is held, so the aliases
     * and tags it reads hold every change committed before this one; its own change is added to them (a statement
     * does not see its own writes). The event is written only if the change was: $5 the payload, $6-$8 the
     * placeholders of the aliases, tags and collection tags, $9-$13 the other outbox columns.
     */
    private static String withEvent(String target, String change, String aliasAdded, String tagAdded) {
        return """
                WITH t AS (%s),
                ins AS (%s),
                s AS (SELECT t.id,
                  ARRAY(SELECT x.alias FROM (SELECT va.alias FROM version_aliases va WHERE va.version_id = t.id
                    %s) x ORDER BY x.alias <> 'latest', x.alias COLLATE "C") AS aliases,
                  ARRAY(SELECT x.tag FROM (SELECT vt.tag FROM version_tags vt WHERE vt.version_id = t.id
                    %s) x ORDER BY x.tag) AS tags,
                  (SELECT c.tags FROM collections c WHERE c.id = t.collection_id) AS collection_tags FROM t),
                ev AS (INSERT INTO outbox (topic, message_key, payload, content_type, created_at, traceparent)
                  SELECT $9, $10, replace(replace(replace($5::text, $6::text, array_to_json(s.aliases)::text),
                    $7::text, array_to_json(s.tags)::text), $8::text, coalesce(s.collection_tags, '[]')),
                    $11, $12::timestamptz, $13 FROM s WHERE EXISTS (SELECT 1 FROM ins) RETURNING id)
                SELECT EXISTS (SELECT 1 FROM ins) AS changed, s.aliases, s.tags FROM s""".formatted(target, change,
                aliasAdded, tagAdded);
    }
}
