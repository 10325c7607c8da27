package ai.automations.registry.registry;

import java.time.InstantSource;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.error.ApiException;
import ai.automations.registry.entity.EntityNamespace;
import ai.automations.registry.entity.NameRequest;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.support.Page;
import ai.automations.registry.support.PageRequest;
import ai.automations.registry.support.Timestamps;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class RegistryService {

    private final Tx tx;
    private final InstantSource clock;

    public RegistryService(Tx tx, InstantSource clock) {
        this.tx = tx;
        this.clock = clock;
    }

    public Uni<RegistryView> create(String entityName, NameRequest request) {
        String name = request.name();
        String description = request.description();
        return tx.write(() -> EntityNamespace.require(entityName).flatMap(entity -> Registry.find(entity.id, name)
                .flatMap(existing -> {
                    if (existing != null) {
                        throw ApiException.conflict("Registry '" + name + "' exists in '" + entityName + "'.", "name");
                    }
                    Registry registry = new Registry();
                    registry.id = UUID.randomUUID();
                    registry.entityId = entity.id;
                    registry.name = name;
                    registry.description = description;
                    registry.createdAt = Timestamps.now(clock);
                    return registry.persist().replaceWith(view(entityName, registry));
                })));
    }

    public Uni<RegistryView> get(String entityName, String name) {
        return tx.read(() -> EntityNamespace.require(entityName)
                .flatMap(entity -> Registry.require(entity.id, entityName, name)))
                .map(r -> view(entityName, r));
    }

    public Uni<Page<RegistryView>> list(String entityName, PageRequest page) {
        return tx.read(() -> EntityNamespace.require(entityName).flatMap(entity -> Registry
                .<Registry>find("entityId = ?1 and name > ?2 order by name", entity.id,
                        page.after() == null ? "" : page.after())
                .range(0, page.limit()).list()))
                .map(rows -> Page.of(rows, page, r -> r.name, r -> view(entityName, r)));
    }

    static RegistryView view(String entity, Registry r) {
        return new RegistryView(entity, r.name, r.description, r.createdAt);
    }
}
