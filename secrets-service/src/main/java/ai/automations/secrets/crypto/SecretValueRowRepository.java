package ai.automations.secrets.crypto;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The database backend's encrypted values. */
@ApplicationScoped
public class SecretValueRowRepository implements PanacheRepository<SecretValueRow> {

    public Uni<SecretValueRow> findVersion(String entity, String name, int version) {
        return find("entity = ?1 and name = ?2 and version = ?3", entity, name, version).firstResult();
    }

    public Uni<Long> deleteAll(String entity, String name) {
        return delete("entity = ?1 and name = ?2", entity, name);
    }

    /** Values whose data key is still wrapped by a KEK other than {@code currentKekId}. */
    public Uni<List<SecretValueRow>> wrappedByOtherThan(String currentKekId, long afterId, int limit) {
        return find("kekId <> ?1 and id > ?2", Sort.by("id"), currentKekId, afterId).page(Page.ofSize(limit)).list();
    }
}
