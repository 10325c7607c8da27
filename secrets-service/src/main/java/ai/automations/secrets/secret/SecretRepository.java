package ai.automations.secrets.secret;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Secret metadata by entity and name. */
@ApplicationScoped
public class SecretRepository implements PanacheRepository<Secret> {

    public Uni<Secret> findByName(String entity, String name) {
        return find("entity = ?1 and name = ?2", entity, name).firstResult();
    }

    /** The secret, its row locked until the transaction ends, so that rotations and deletes of it run one by one. */
    public Uni<Secret> findForUpdate(String entity, String name) {
        return find("entity = ?1 and name = ?2", entity, name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<Secret>> listByEntity(String entity) {
        return list("entity", Sort.by("name"), entity);
    }

    public Uni<List<Secret>> findByNames(String entity, Collection<String> names) {
        return list("entity = ?1 and name in ?2", Sort.by("name"), entity, names);
    }
}
