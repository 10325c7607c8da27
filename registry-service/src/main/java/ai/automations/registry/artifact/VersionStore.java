package ai.automations.registry.artifact;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
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
 * entity loads the same answer takes through Hibernate. Every statement finds the version by the path's names
 * itself, so a change's statements can be sent together ({@code Tx.pipelined}) without waiting for an id.
 */
@ApplicationScoped
public class VersionStore {

    /** The statements of one kind of collection (project or registry) and one way of naming a version. */
    private record Statements(String lock, String read, String addTag, String setAlias, String addTagWithEvent,
            String setAliasWithEvent) {
    }

    private final JsonText json;

    private final Statements projectByIndex = statements(CollectionRef.Kind.PROJECT, false);
    private final Statements projectByAlias = statements(CollectionRef.Kind.PROJECT, true);
    private final Statements registryByIndex = statements(CollectionRef.Kind.REGISTRY, false);
    private final Statements registryByAlias = statements(CollectionRef.Kind.REGISTRY, true);

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
     * Adds a tag to the version {@code expected} names (read before) and writes the change's event in the same
     * statement, its aliases, tags and the collection's tags filled in from the state under the collection's lock
     * (taken by {@link #lock} just before). Empty when the path no longer names that version (then nothing is
     * written and the caller takes the longer way).
     */
    public Uni<java.util.Optional<Change>> addTag(SqlClient client, CollectionRef ref, String version, UUID expected,
            String tag, OffsetDateTime now, PendingEvent event) {
        return withEvent(client, statements(ref, version).addTagWithEvent(), ref, version, expected, tag, now, event);
    }

    /** As {@link #addTag(SqlClient, CollectionRef, String, UUID, String, OffsetDateTime, PendingEvent)}, an alias. */
    public Uni<java.util.Optional<Change>> setAlias(SqlClient client, CollectionRef ref, String version,
            UUID expected, String alias, OffsetDateTime now, PendingEvent event) {
        return withEvent(client, statements(ref, version).setAliasWithEvent(), ref, version, expected, alias, now,
                event);
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

    private Uni<java.util.Optional<Change>> withEvent(SqlClient client, String sql, CollectionRef ref, String version,
            UUID expected, String value, OffsetDateTime now, PendingEvent event) {
        Tuple args = names(ref, version).addValue(UUID.randomUUID()).addValue(value).addValue(now).addValue(expected)
                .addValue(event.payload()).addValue(Placeholders.json(Placeholders.ALIASES))
                .addValue(Placeholders.json(Placeholders.TAGS)).addValue(Placeholders.json(Placeholders.COLLECTION_TAGS))
                .addValue(event.topic()).addValue(event.key()).addValue(event.contentType())
                .addValue(event.createdAt()).addValue(event.traceparent());
        return client.preparedQuery(sql).execute(args).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return java.util.Optional.<Change>empty();
            }
            Row row = it.next();
            return java.util.Optional.of(new Change(row.getBoolean("changed"),
                    List.of(row.getArrayOfStrings("aliases")), List.of(row.getArrayOfStrings("tags"))));
        });
    }

    /** The version with its aliases, tags and links, or a 404 naming the first part of the path that is missing. */
    public Uni<StoredVersion> read(SqlClient client, CollectionRef ref, String version) {
        return client.preparedQuery(statements(ref, version).read()).execute(names(ref, version))
                .map(rows -> version(rows, ref, version));
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

    /** A version as {@link #read} found it. */
    public record StoredVersion(VersionContext context, List<String> aliases, List<String> tags,
            List<LinkView> links) {
    }

    private StoredVersion version(RowSet<Row> rows, CollectionRef ref, String text) {
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
        return new StoredVersion(context, aliases(row.getArrayOfStrings("aliases")),
                List.of(row.getArrayOfStrings("tags")), links(entity.name, row, it));
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
        String read = resolve(parents, parentColumn, readVersion) + """
                SELECT e.id AS entity_id, e.name AS entity_name, p.name AS parent_name, c.id AS collection_id,
                  c.name AS collection_name, c.type AS collection_type, c.tags AS collection_tags,
                  v.id AS version_id, v.version_index, v.created_by AS version_by, v.created_at AS version_at,
                  a.id AS artifact_id, a.collection_id AS artifact_collection_id, a.type AS artifact_type, a.digest,
                  a.metadata, a.run_id, a.author, a.created_at AS artifact_at,
                  v.aliases, v.tags, sp.name AS source_project, sc.name AS source_collection, sv.version_index AS source_index,
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
        String addTagWithEvent = withEvent(resolve, """
                INSERT INTO version_tags (id, version_id, tag, created_at)
                  SELECT $5::uuid, t.id, $6::text, $7::timestamptz FROM t
                  ON CONFLICT (version_id, tag) DO NOTHING RETURNING id""", "", "UNION SELECT $6::text");
        String setAliasWithEvent = withEvent(resolve, """
                INSERT INTO version_aliases (id, collection_id, version_id, alias, created_at)
                  SELECT $5::uuid, t.collection_id, t.id, $6::text, $7::timestamptz FROM t
                  ON CONFLICT (collection_id, alias) DO UPDATE SET version_id = EXCLUDED.version_id,
                    created_at = EXCLUDED.created_at
                  WHERE version_aliases.version_id <> EXCLUDED.version_id RETURNING id""", "UNION SELECT $6::text", "");
        return new Statements(lock, read, addTag, setAlias, addTagWithEvent, setAliasWithEvent);
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

    /**
     * A change and its event in one statement, sent right behind the collection's lock: the version must still be
     * the one read before ($8). The statement's snapshot is taken once the lock is held, so the aliases and tags it
     * reads hold every change committed before this one; its own change is added to them (a statement does not see
     * its own writes). The event is written only if the change was: $9 the payload, $10-$12 the placeholders of the
     * aliases, tags and collection tags, $13-$17 the other outbox columns.
     */
    private static String withEvent(String resolve, String change, String aliasAdded, String tagAdded) {
        return resolve.stripTrailing() + """
                ,
                t AS (SELECT v.* FROM v WHERE v.id = $8),
                ins AS (%s),
                s AS (SELECT t.id,
                  ARRAY(SELECT x.alias FROM (SELECT va.alias FROM version_aliases va WHERE va.version_id = t.id
                    %s) x ORDER BY x.alias <> 'latest', x.alias COLLATE "C") AS aliases,
                  ARRAY(SELECT x.tag FROM (SELECT vt.tag FROM version_tags vt WHERE vt.version_id = t.id
                    %s) x ORDER BY x.tag) AS tags,
                  (SELECT c.tags FROM c) AS collection_tags FROM t),
                ev AS (INSERT INTO outbox (topic, message_key, payload, content_type, created_at, traceparent)
                  SELECT $13, $14, replace(replace(replace($9::text, $10::text, array_to_json(s.aliases)::text),
                    $11::text, array_to_json(s.tags)::text), $12::text, coalesce(s.collection_tags, '[]')),
                    $15, $16::timestamptz, $17 FROM s WHERE EXISTS (SELECT 1 FROM ins) RETURNING id)
                SELECT EXISTS (SELECT 1 FROM ins) AS changed, s.aliases, s.tags FROM s""".formatted(change,
                aliasAdded, tagAdded);
    }
}
