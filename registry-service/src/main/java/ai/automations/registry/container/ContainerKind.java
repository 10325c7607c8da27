package ai.automations.registry.container;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import ai.automations.common.error.ApiException;
import ai.automations.registry.support.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Projects or registries: the one way both are looked up by name in their entity and listed in name order.
 *
 * @param noun what a user calls one, in messages ({@code project})
 * @param type the mapped entity class
 * @param factory a new, empty one
 */
public record ContainerKind<E extends Container>(String noun, Class<E> type, Supplier<E> factory) {

    /** The one named {@code name} in the entity, or null. */
    public Uni<E> find(UUID entityId, String name) {
        return Panache.getSession().flatMap(session -> session
                .createSelectionQuery("from " + type.getSimpleName() + " where entityId = ?1 and name = ?2", type)
                .setParameter(1, entityId).setParameter(2, name).getSingleResultOrNull());
    }

    /** The one named {@code name} in the entity, or a 404 naming it. */
    public Uni<E> require(UUID entityId, String entityName, String name) {
        return find(entityId, name).onItem().ifNull().failWith(
                () -> ApiException.notFound("No " + noun + " '" + name + "' in entity '" + entityName + "'."));
    }

    /** One page of the entity's, in name order: up to one more row than the page holds, to tell whether more follow. */
    public Uni<List<E>> page(UUID entityId, PageRequest page) {
        return Panache.getSession().flatMap(session -> session
                .createSelectionQuery("from " + type.getSimpleName() + " where entityId = ?1 and name > ?2 order by name",
                        type)
                .setParameter(1, entityId).setParameter(2, page.after() == null ? "" : page.after())
                .setMaxResults(page.limit() + 1).getResultList());
    }
}
