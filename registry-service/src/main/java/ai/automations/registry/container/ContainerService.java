package ai.automations.registry.container;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.UUID;

import ai.automations.common.error.ApiException;
import ai.automations.registry.entity.EntityNamespace;
import ai.automations.registry.entity.NameRequest;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.support.Page;
import ai.automations.registry.support.PageRequest;
import ai.automations.registry.support.Timestamps;
import io.smallrye.mutiny.Uni;

/**
 * Creates, reads and lists the projects or the registries of an entity; {@code ProjectService} and
 * {@code RegistryService} are this for their kind and their view ({@code @Singleton}: a client proxy would need a
 * no-argument constructor this class, with its final fields, does not have).
 */
public abstract class ContainerService<E extends Container, V> {

    private final ContainerKind<E> kind;
    private final View<V> views;
    private final Tx tx;
    private final InstantSource clock;

    protected ContainerService(ContainerKind<E> kind, View<V> views, Tx tx, InstantSource clock) {
        this.kind = kind;
        this.views = views;
        this.tx = tx;
        this.clock = clock;
    }

    /** What the API answers for one: the kind's view record, made from the entity's name and the columns. */
    @FunctionalInterface
    public interface View<V> {
        V of(String entity, String name, String description, OffsetDateTime createdAt);
    }

    private V view(String entity, E container) {
        return views.of(entity, container.name, container.description, container.createdAt);
    }

    public Uni<V> create(String entityName, NameRequest request) {
        String name = request.name();
        String description = request.description();
        return tx.write(() -> EntityNamespace.require(entityName).flatMap(entity -> kind.find(entity.id, name)
                .flatMap(existing -> {
                    if (existing != null) {
                        throw ApiException.conflict(capitalised(kind.noun()) + " '" + name + "' exists in '"
                                + entityName + "'.", "name");
                    }
                    E container = kind.factory().get();
                    container.id = UUID.randomUUID();
                    container.entityId = entity.id;
                    container.name = name;
                    container.description = description;
                    container.createdAt = Timestamps.now(clock);
                    return container.persist().replaceWith(view(entityName, container));
                })));
    }

    public Uni<V> get(String entityName, String name) {
        return tx.read(() -> EntityNamespace.require(entityName)
                .flatMap(entity -> kind.require(entity.id, entityName, name)))
                .map(c -> view(entityName, c));
    }

    public Uni<Page<V>> list(String entityName, PageRequest page) {
        return tx.read(() -> EntityNamespace.require(entityName).flatMap(entity -> kind.page(entity.id, page)))
                .map(rows -> Page.of(rows, page, c -> c.name, c -> view(entityName, c)));
    }

    private static String capitalised(String noun) {
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }
}
