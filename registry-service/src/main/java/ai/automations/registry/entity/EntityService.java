package ai.automations.registry.entity;

import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.auth.Caller;
import ai.automations.common.auth.Role;
import ai.automations.common.error.ApiException;
import ai.automations.registry.auth.AuthChanges;
import ai.automations.registry.auth.Membership;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.support.Page;
import ai.automations.registry.support.PageRequest;
import ai.automations.registry.support.Timestamps;
import io.smallrye.mutiny.Uni;

/** Creates and reads entities; whoever creates one becomes its ADMIN. */
@ApplicationScoped
public class EntityService {

    private final Tx tx;
    private final InstantSource clock;
    private final AuthChanges changes;

    public EntityService(Tx tx, InstantSource clock, AuthChanges changes) {
        this.tx = tx;
        this.clock = clock;
        this.changes = changes;
    }

    public Uni<EntityView> create(Caller caller, NameRequest request) {
        String name = request.name();
        if (caller.userId() == null) {
            throw ApiException.forbidden("Only users create entities.");
        }
        return changes.change(change -> tx.write(() -> EntityNamespace.findByName(name)
                .flatMap(existing -> insert(existing, name, caller, change))));
    }

    /** A new entity whose creator is its ADMIN, a change of access (announced, see {@link AuthChanges}). */
    private Uni<EntityView> insert(EntityNamespace existing, String name, Caller caller, String change) {
        if (existing != null) {
            throw ApiException.conflict("Entity '" + name + "' exists.", "name");
        }
        EntityNamespace entity = new EntityNamespace();
        entity.id = UUID.randomUUID();
        entity.name = name;
        entity.createdBy = caller.name();
        entity.createdAt = Timestamps.now(clock);
        Membership admin = Membership.of(entity.id, UUID.fromString(caller.userId()), Role.ADMIN, entity.createdAt);
        return entity.persist().chain(admin::persist).call(() -> changes.announce(change))
                .replaceWith(view(entity, Role.ADMIN));
    }

    public Uni<EntityView> get(Caller caller, String name) {
        return EntityNamespace.require(tx.sql(), name)
                .map(entity -> view(entity, caller.roleIn(name).orElse(null)));
    }

    /** The entities the caller has a role in (all of them for a global admin). */
    public Uni<Page<EntityView>> list(Caller caller, PageRequest page) {
        String after = page.after() == null ? "" : page.after();
        return tx.read(() -> {
            if (caller.admin()) {
                return EntityNamespace.<EntityNamespace>find("name > ?1 order by name", after)
                        .range(0, page.limit()).list();
            }
            List<String> names = caller.roles().keySet().stream().filter(n -> n.compareTo(after) > 0).toList();
            if (names.isEmpty()) {
                return Uni.createFrom().item(List.<EntityNamespace>of());
            }
            return EntityNamespace.<EntityNamespace>find("name in ?1 order by name", names)
                    .range(0, page.limit()).list();
        }).map(rows -> Page.of(rows, page, e -> e.name, e -> view(e, caller.roleIn(e.name).orElse(null))));
    }

    private static EntityView view(EntityNamespace entity, Role role) {
        return new EntityView(entity.name, entity.createdBy, entity.createdAt, role);
    }
}
