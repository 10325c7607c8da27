package ai.automations.registry.collection;

import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import ai.automations.common.error.ApiException;
import ai.automations.registry.entity.EntityNamespace;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.project.Project;
import ai.automations.registry.registry.Registry;
import ai.automations.registry.support.JsonText;
import ai.automations.registry.support.Names;
import ai.automations.registry.support.Page;
import ai.automations.registry.support.PageRequest;
import ai.automations.registry.support.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Finds, locks and creates collections. Registry collections are created explicitly, project ones on first use. */
@ApplicationScoped
public class CollectionService {

    private final Tx tx;
    private final JsonText json;
    private final InstantSource clock;

    public CollectionService(Tx tx, JsonText json, InstantSource clock) {
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    public Uni<CollectionView> create(CollectionRef parent, CollectionRequest request) {
        String name = request.name();
        String type = request.type();
        String description = request.description();
        List<String> tags = Names.distinct(request.tags());
        return tx.write(() -> parent(parent).flatMap(path -> find(path, name, false).flatMap(existing -> {
            if (existing != null) {
                throw ApiException.conflict("Collection '" + name + "' exists in '" + parent.parent() + "'.", "name");
            }
            ArtifactCollection c = newCollection(path, name, type);
            c.description = description;
            c.tags = json.write(tags);
            return c.persist().replaceWith(() -> view(path.with(c)));
        })));
    }

    public Uni<CollectionView> get(CollectionRef ref) {
        return tx.read(() -> resolve(ref, false)).map(this::view);
    }

    public Uni<Page<CollectionView>> list(CollectionRef parent, PageRequest page) {
        return tx.read(() -> parent(parent).flatMap(path -> ArtifactCollection
                .<ArtifactCollection>find((path.project != null ? "projectId" : "registryId")
                        + " = ?1 and name > ?2 order by name", path.parentId, page.after() == null ? "" : page.after())
                .range(0, page.limit()).list()
                .map(rows -> Page.of(rows, page, c -> c.name, c -> view(path.with(c))))));
    }

    /** The collection a path names, or a 404; {@code lock} takes its row lock for a change. */
    public Uni<CollectionPath> resolve(CollectionRef ref, boolean lock) {
        return parent(ref).flatMap(parent -> find(parent, ref.name(), lock).map(c -> {
            if (c == null) {
                throw ApiException.notFound("No collection '" + ref.name() + "' in " + kindName(ref) + " '"
                        + ref.parent() + "'.");
            }
            return parent.with(c);
        }));
    }

    /**
     * The project collection an artifact is created in, locked; created with {@code type} on first use (safe when two
     * first uses race).
     */
    public Uni<CollectionPath> lockForNewArtifact(String entity, String project, String name, String type) {
        CollectionRef ref = CollectionRef.project(entity, project, name);
        return parent(ref).flatMap(parent -> Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO collections (id, entity_id, project_id, name, type, tags, next_index, created_at)
                VALUES (:id, :entity, :project, :name, :type, '[]', 0, :now)
                ON CONFLICT (project_id, name) DO NOTHING""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("entity", parent.entity.id)
                .setParameter("project", parent.parentId)
                .setParameter("name", name)
                .setParameter("type", type)
                .setParameter("now", Timestamps.now(clock))
                .executeUpdate())
                .flatMap(inserted -> find(parent, name, true))
                .map(parent::with));
    }

    /**
     * A registry collection a source mirrors into, locked; created with {@code type} when the source names it first
     * (safe when two first uses race).
     */
    public Uni<CollectionPath> lockForMirror(String entity, String registry, String name, String type,
            String description) {
        CollectionRef ref = CollectionRef.registry(entity, registry, name);
        return parent(ref).flatMap(parent -> Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO collections (id, entity_id, registry_id, name, type, tags, next_index, created_at)
                VALUES (:id, :entity, :registry, :name, :type, '[]', 0, :now)
                ON CONFLICT (registry_id, name) DO NOTHING""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("entity", parent.entity.id)
                .setParameter("registry", parent.parentId)
                .setParameter("name", name)
                .setParameter("type", type)
                .setParameter("now", Timestamps.now(clock))
                .executeUpdate())
                .flatMap(inserted -> find(parent, name, true).invoke(c -> {
                    if (inserted > 0 && description != null) {
                        c.description = description;
                    }
                }))
                .map(parent::with));
    }

    /** A registry collection by name, or {@code null}, locked for a change. */
    public Uni<CollectionPath> findLocked(String entity, String registry, String name) {
        CollectionRef ref = CollectionRef.registry(entity, registry, name);
        return parent(ref).flatMap(parent -> find(parent, name, true).map(c -> c == null ? null : parent.with(c)));
    }

    /** The names around a collection found by id (for links and sources). */
    public Uni<CollectionPath> pathOf(UUID collectionId) {
        return ArtifactCollection.<ArtifactCollection>findById(collectionId).flatMap(c -> EntityNamespace
                .<EntityNamespace>findById(c.entityId).flatMap(entity -> c.projectId != null
                        ? Project.<Project>findById(c.projectId).map(p -> new CollectionPath(entity, p.name, null, c))
                        : Registry.<Registry>findById(c.registryId)
                                .map(r -> new CollectionPath(entity, null, r.name, c))));
    }

    public CollectionView view(CollectionPath path) {
        ArtifactCollection c = path.collection();
        return new CollectionView(c.id.toString(), path.entity().name, path.project(), path.registry(), c.name, c.type,
                c.description, List.of(json.read(c.tags, String[].class)), c.createdAt);
    }

    private Uni<ArtifactCollection> find(Parent parent, String name, boolean lock) {
        var query = ArtifactCollection.<ArtifactCollection>find(
                (parent.project != null ? "projectId" : "registryId") + " = ?1 and name = ?2", parent.parentId, name);
        return (lock ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query).firstResult();
    }

    private Uni<Parent> parent(CollectionRef ref) {
        return EntityNamespace.require(ref.entity()).flatMap(entity -> ref.kind() == CollectionRef.Kind.PROJECT
                ? Project.KIND.require(entity.id, entity.name, ref.parent())
                        .map(p -> new Parent(entity, p.name, null, p.id))
                : Registry.KIND.require(entity.id, entity.name, ref.parent())
                        .map(r -> new Parent(entity, null, r.name, r.id)));
    }

    private ArtifactCollection newCollection(Parent parent, String name, String type) {
        ArtifactCollection c = new ArtifactCollection();
        c.id = UUID.randomUUID();
        c.entityId = parent.entity.id;
        c.projectId = parent.project != null ? parent.parentId : null;
        c.registryId = parent.registry != null ? parent.parentId : null;
        c.name = name;
        c.type = type;
        c.createdAt = Timestamps.now(clock);
        return c;
    }


    private static String kindName(CollectionRef ref) {
        return ref.kind() == CollectionRef.Kind.PROJECT ? "project" : "registry";
    }

    /** A collection's parent: its entity and project or registry. */
    private record Parent(EntityNamespace entity, String project, String registry, UUID parentId) {
        CollectionPath with(ArtifactCollection c) {
            return new CollectionPath(entity, project, registry, c);
        }
    }
}
