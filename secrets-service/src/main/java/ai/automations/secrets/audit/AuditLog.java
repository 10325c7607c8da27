package ai.automations.secrets.audit;

import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The audit log of every create, rotate, delete and resolve. Entries are written in the transaction of the operation
 * they record, so an operation that commits is always audited.
 */
@ApplicationScoped
public class AuditLog implements PanacheRepository<AuditEntry> {

    public static final int MAX_PAGE_SIZE = 500;

    private final InstantSource clock;

    public AuditLog(InstantSource clock) {
        this.clock = clock;
    }

    /** Records an operation; call inside the operation's transaction. */
    public Uni<Void> record(String entity, String secretName, AuditAction action, Integer version, Actor actor) {
        AuditEntry entry = new AuditEntry();
        entry.entity = entity;
        entry.secretName = secretName;
        entry.action = action;
        entry.version = version;
        entry.actorType = actor.type();
        entry.actorId = actor.id();
        entry.actorName = actor.name();
        entry.automationId = actor.automationId();
        entry.executionId = actor.executionId();
        entry.at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return persist(entry).replaceWithVoid();
    }

    /** An entity's entries, newest first, optionally of one secret only. */
    public Uni<AuditPage> page(String entity, String secretName, int page, int size) {
        String where = secretName == null ? "entity = ?1" : "entity = ?1 and secretName = ?2";
        Object[] params = secretName == null ? new Object[] { entity } : new Object[] { entity, secretName };
        return find(where, Sort.descending("id"), params).page(Page.of(page, size)).list()
                .flatMap(entries -> count(where, params).map(total -> new AuditPage(
                        entries.stream().map(AuditRecord::of).toList(), page, size, total)));
    }
}
