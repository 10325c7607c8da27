package ai.automations.secrets.secret;

import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.error.ApiException;
import ai.automations.common.secret.SecretChange;
import ai.automations.common.secret.SecretResolution;
import ai.automations.secrets.audit.Actor;
import ai.automations.secrets.audit.AuditAction;
import ai.automations.secrets.audit.AuditLog;
import ai.automations.secrets.change.SecretChangeOutbox;
import ai.automations.secrets.config.SecretsConfig;
import ai.automations.secrets.reference.ReferenceCheck;
import ai.automations.secrets.store.SecretStoreException;
import ai.automations.secrets.store.SecretValue;
import ai.automations.secrets.store.SecretValueStore;
import ai.automations.secrets.store.SecretVersionRef;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Team secrets: create, list, rotate, delete and resolve. Each change commits its metadata, its value (database
 * store) or its value's Vault version, its audit entry and its change notice in one transaction; values are never
 * returned except to the resolve caller, and never logged.
 */
@ApplicationScoped
public class SecretService {

    private static final String UNIQUE_VIOLATION = "23505";

    private final SecretRepository secrets;
    private final SecretValueStore store;
    private final AuditLog audit;
    private final SecretChangeOutbox changes;
    private final ReferenceCheck references;
    private final SecretsConfig config;
    private final InstantSource clock;

    public SecretService(SecretRepository secrets, SecretValueStore store, AuditLog audit, SecretChangeOutbox changes,
            ReferenceCheck references, SecretsConfig config, InstantSource clock) {
        this.secrets = secrets;
        this.store = store;
        this.audit = audit;
        this.changes = changes;
        this.references = references;
        this.config = config;
        this.clock = clock;
    }

    public Uni<SecretMetadata> create(String entity, CreateSecretRequest request, Actor actor) {
        SecretInput.entity(entity);
        String name = request.name();
        SecretValue value = SecretInput.value(request.value(), config.maxValueBytes());
        Instant now = now();
        return Panache.withTransaction(() -> secrets.findByName(entity, name)
                .invoke(existing -> {
                    if (existing != null) {
                        throw alreadyExists(entity, name);
                    }
                })
                .chain(() -> {
                    Secret secret = new Secret();
                    secret.entity = entity;
                    secret.name = name;
                    secret.version = 1;
                    secret.store = store.kind();
                    secret.createdAt = now;
                    secret.updatedAt = now;
                    secret.createdBy = actor.label();
                    secret.updatedBy = actor.label();
                    return secrets.persistAndFlush(secret);
                })
                .call(secret -> store.write(ref(secret), value).invoke(storeVersion -> secret.storeVersion = storeVersion))
                .call(secret -> audit.record(entity, name, AuditAction.CREATE, secret.version, actor))
                .call(secret -> changes.enqueue(new SecretChange(entity, name, secret.version, false))))
                .onFailure(SecretService::isUniqueViolation).transform(e -> alreadyExists(entity, name))
                .invoke(changes::publishSoon)
                .map(SecretMetadata::of);
    }

    public Uni<List<SecretMetadata>> list(String entity) {
        SecretInput.entity(entity);
        return Panache.withSession(() -> secrets.listByEntity(entity))
                .map(list -> list.stream().map(SecretMetadata::of).toList());
    }

    public Uni<SecretMetadata> metadata(String entity, String name) {
        SecretInput.entity(entity);
        SecretInput.name(name);
        return Panache.withSession(() -> secrets.findByName(entity, name))
                .map(secret -> SecretMetadata.of(found(secret, entity, name)));
    }

    public Uni<SecretMetadata> rotate(String entity, String name, RotateSecretRequest request, Actor actor) {
        SecretInput.entity(entity);
        SecretInput.name(name);
        SecretValue value = SecretInput.value(request.value(), config.maxValueBytes());
        return Panache.withTransaction(() -> secrets.findForUpdate(entity, name)
                .map(secret -> inThisStore(found(secret, entity, name)))
                .call(secret -> {
                    SecretVersionRef next = new SecretVersionRef(entity, name, secret.version + 1);
                    return store.write(next, value).invoke(storeVersion -> {
                        secret.version = next.version();
                        secret.storeVersion = storeVersion;
                        secret.updatedAt = now();
                        secret.updatedBy = actor.label();
                    });
                })
                .call(secret -> audit.record(entity, name, AuditAction.ROTATE, secret.version, actor))
                .call(secret -> changes.enqueue(new SecretChange(entity, name, secret.version, false))))
                .invoke(changes::publishSoon)
                .map(SecretMetadata::of);
    }

    /** Deletes a secret unless an integration references it (registry-service is asked first; see ReferenceCheck). */
    public Uni<Void> delete(String entity, String name, Actor actor) {
        SecretInput.entity(entity);
        SecretInput.name(name);
        return Panache.withSession(() -> secrets.findByName(entity, name))
                .invoke(secret -> found(secret, entity, name))
                .chain(() -> references.requireUnreferenced(entity, name))
                .chain(() -> Panache.withTransaction(() -> secrets.findForUpdate(entity, name)
                        .map(secret -> found(secret, entity, name))
                        .call(secret -> store.deleteAll(entity, name))
                        .call(secret -> secrets.delete(secret))
                        .call(secret -> audit.record(entity, name, AuditAction.DELETE, secret.version, actor))
                        .call(secret -> changes.enqueue(new SecretChange(entity, name, secret.version, true)))))
                .invoke(changes::publishSoon)
                .replaceWithVoid();
    }

    /**
     * The values of the named secrets, for action-service at send time; each value read is audited with the automation
     * and execution it is for, in the same transaction, before any value is returned.
     */
    public Uni<SecretResolution.Response> resolve(String entity, SecretResolution.Request request, Actor actor) {
        SecretInput.entity(entity);
        SecretInput.body(request);
        if (request.names() == null) {
            throw ApiException.badRequest("names is required.", "names");
        }
        if (request.names().size() > config.maxResolveNames()) {
            throw ApiException.badRequest("At most " + config.maxResolveNames() + " names may be resolved at once.", "names");
        }
        Set<String> asked = new LinkedHashSet<>(request.names());
        List<String> valid = asked.stream().filter(SecretInput::isValidName).toList();
        return Panache.withTransaction(() -> (valid.isEmpty() ? Uni.createFrom().item(List.<Secret>of())
                : secrets.findByNames(entity, valid))
                .chain(found -> Multi.createFrom().iterable(found)
                        .onItem().transformToUniAndConcatenate(secret -> store.read(ref(inThisStore(secret)), secret.storeVersion)
                                .call(ignored -> audit.record(entity, secret.name, AuditAction.RESOLVE, secret.version, actor))
                                .map(value -> Map.entry(secret.name, value)))
                        .collect().asList()))
                .map(entries -> {
                    Map<String, String> values = new LinkedHashMap<>();
                    entries.forEach(entry -> values.put(entry.getKey(), entry.getValue().reveal()));
                    List<String> missing = new ArrayList<>();
                    asked.forEach(name -> {
                        if (!values.containsKey(name)) {
                            missing.add(name);
                        }
                    });
                    return new SecretResolution.Response(values, missing);
                });
    }

    private Secret inThisStore(Secret secret) {
        if (!store.kind().equals(secret.store)) {
            throw SecretStoreException.unreadable("Secret '" + secret.name + "' of entity '" + secret.entity
                    + "' was stored by the " + secret.store + " backend, but this service runs the " + store.kind()
                    + " backend; move the secret (create it again) or switch back.");
        }
        return secret;
    }

    private static SecretVersionRef ref(Secret secret) {
        return new SecretVersionRef(secret.entity, secret.name, secret.version);
    }

    private static Secret found(Secret secret, String entity, String name) {
        if (secret == null) {
            throw ApiException.notFound("Entity '" + entity + "' has no secret named '" + name + "'.");
        }
        return secret;
    }

    private static ApiException alreadyExists(String entity, String name) {
        return ApiException.conflict("Entity '" + entity + "' already has a secret named '" + name
                + "'; rotate it with PUT to change its value.", "name");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A unique-key violation (SQLSTATE 23505) anywhere in the cause chain: two creates of one name raced. */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    || t instanceof java.sql.SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
