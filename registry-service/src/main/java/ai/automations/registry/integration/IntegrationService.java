package ai.automations.registry.integration;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import ai.automations.common.auth.Caller;
import ai.automations.common.error.ApiException;
import ai.automations.common.integration.IntegrationDescriptor;
import ai.automations.common.integration.IntegrationDescriptor.Kind;
import ai.automations.common.integration.SignatureFormat;
import ai.automations.registry.automation.Automation;
import ai.automations.registry.entity.EntityNamespace;
import ai.automations.registry.integration.SecretChecker.SecretField;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.support.Page;
import ai.automations.registry.support.PageRequest;
import ai.automations.registry.support.Timestamps;
import io.smallrye.mutiny.Uni;

/**
 * Integrations: validated per kind, their secret names checked to exist in the same entity before anything is
 * stored, never deleted while an automation uses them.
 */
@ApplicationScoped
public class IntegrationService {


    private final Tx tx;
    private final SecretChecker secrets;
    private final InstantSource clock;

    public IntegrationService(Tx tx, SecretChecker secrets, InstantSource clock) {
        this.tx = tx;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Uni<IntegrationDescriptor> create(Caller caller, String entityName, IntegrationRequest request) {
        Valid valid = validate(request);
        return secrets.requireAll(entityName, valid.secrets()).chain(() -> tx.write(() -> EntityNamespace
                .require(entityName).flatMap(entity -> Integration.find(entity.id, valid.name()).flatMap(existing -> {
                    if (existing != null) {
                        throw ApiException.conflict("Integration '" + valid.name() + "' exists in '" + entityName
                                + "'.", "name");
                    }
                    Integration i = new Integration();
                    i.id = UUID.randomUUID();
                    i.entityId = entity.id;
                    i.name = valid.name();
                    i.createdBy = caller.name();
                    i.createdAt = Timestamps.now(clock);
                    apply(i, valid);
                    return i.persist().replaceWith(() -> i.descriptor(entityName));
                }))));
    }

    /**
     * Replaces an integration's settings (its name stays) and re-enables it. Its kind may change only when no
     * automation's action needs the old kind.
     */
    public Uni<IntegrationDescriptor> replace(String entityName, String name, IntegrationRequest request) {
        Valid valid = validate(withName(request, name));
        if (!valid.name().equals(name)) {
            throw ApiException.badRequest("An integration keeps its name; 'name' must be '" + name + "'.", "name");
        }
        return secrets.requireAll(entityName, valid.secrets()).chain(() -> tx.write(() -> EntityNamespace
                .require(entityName).flatMap(entity -> locked(entity, name).flatMap(i -> {
                    if (i.kind == valid.kind()) {
                        return Uni.createFrom().item(i);
                    }
                    return Automation.namesUsing(entity.id, name).map(users -> {
                        if (!users.isEmpty()) {
                            throw ApiException.conflict("Automations " + users + " use '" + name + "' as a "
                                    + i.kind + " integration; its kind cannot change.", "kind");
                        }
                        return i;
                    });
                }).map(i -> {
                    apply(i, valid);
                    i.disabled = false;
                    i.disabledReason = null;
                    return i.descriptor(entityName);
                }))));
    }

    public Uni<IntegrationDescriptor> get(String entityName, String name) {
        return tx.read(() -> EntityNamespace.require(entityName).flatMap(entity -> Integration.find(entity.id, name)
                .map(i -> found(i, entityName, name).descriptor(entityName))));
    }

    public Uni<Page<IntegrationDescriptor>> list(String entityName, PageRequest page) {
        return tx.read(() -> EntityNamespace.require(entityName).flatMap(entity -> Integration
                .<Integration>find("entityId = ?1 and name > ?2 order by name", entity.id,
                        page.after() == null ? "" : page.after())
                .range(0, page.limit()).list()
                .map(rows -> Page.of(rows, page, i -> i.name, i -> i.descriptor(entityName)))));
    }

    /** Deletes an integration no automation uses (409 naming them otherwise). */
    public Uni<Void> delete(String entityName, String name) {
        return tx.write(() -> EntityNamespace.require(entityName).flatMap(entity -> locked(entity, name)
                .flatMap(i -> Automation.namesUsing(entity.id, name).flatMap(users -> {
                    if (!users.isEmpty()) {
                        throw ApiException.conflict("Integration '" + name + "' is used by automations " + users
                                + "; change or delete them first.", null);
                    }
                    return Integration.delete("id", i.id).replaceWithVoid();
                }))));
    }

    /** action-service's report that the endpoint is gone (HTTP 410): the integration stops delivering. */
    public Uni<Void> disable(String entityName, String name, String reason) {
        return tx.write(() -> EntityNamespace.require(entityName).flatMap(entity -> locked(entity, name).map(i -> {
            i.disabled = true;
            i.disabledReason = reason == null ? "disabled" : reason;
            i.updatedAt = Timestamps.now(clock);
            return null;
        })));
    }

    /** The names of an entity's integrations that name a secret. */
    public Uni<List<String>> referencing(String entityName, String secret) {
        return tx.read(() -> EntityNamespace.findByName(entityName).flatMap(entity -> entity == null
                ? Uni.createFrom().item(List.<String>of())
                : Integration.<Integration>find("entityId = ?1 and (accessTokenSecret = ?2 or signingSecret = ?2 "
                        + "or webhookUrlSecret = ?2 or botTokenSecret = ?2) order by name", entity.id, secret)
                        .list().map(rows -> rows.stream().map(i -> i.name).toList())));
    }

    /** The integration, row-locked against concurrent deletion (automations take it shared). */
    public static Uni<Integration> locked(EntityNamespace entity, String name) {
        return Integration.<Integration>find("entityId = ?1 and name = ?2", entity.id, name)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .map(i -> found(i, entity.name, name));
    }

    private static Integration found(Integration i, String entity, String name) {
        if (i == null) {
            throw ApiException.notFound("No integration '" + name + "' in entity '" + entity + "'.");
        }
        return i;
    }

    private static IntegrationRequest withName(IntegrationRequest r, String name) {
        return r.name() != null ? r : new IntegrationRequest(r.kind(), name, r.url(), r.accessTokenSecret(),
                r.signingSecret(), r.channel(), r.webhookUrlSecret(), r.botTokenSecret(), r.apiBaseUrl(),
                r.signatureFormat(), r.sendTraceparent());
    }

    private void apply(Integration i, Valid v) {
        IntegrationRequest r = v.request();
        i.kind = v.kind();
        i.url = r.url();
        i.accessTokenSecret = r.accessTokenSecret();
        i.signingSecret = r.signingSecret();
        i.channel = r.channel();
        i.webhookUrlSecret = r.webhookUrlSecret();
        i.botTokenSecret = r.botTokenSecret();
        i.apiBaseUrl = r.apiBaseUrl();
        i.signatureFormat = r.signatureFormat() == null ? SignatureFormat.STANDARD_WEBHOOKS.value()
                : r.signatureFormat();
        i.sendTraceparent = Boolean.TRUE.equals(r.sendTraceparent());
        i.updatedAt = Timestamps.now(clock);
    }

    /** A request that passed validation, with the secrets it names. */
    private record Valid(String name, Kind kind, IntegrationRequest request, List<SecretField> secrets) {
    }

    static Valid validate(IntegrationRequest r) {
        Kind kind = Kind.valueOf(r.kind().toLowerCase(Locale.ROOT));
        List<SecretField> secrets = new ArrayList<>();
        if (kind == Kind.webhook) {
            required(r.url(), "url", kind);
            optionalSecret(r.accessTokenSecret(), "accessTokenSecret", secrets);
            optionalSecret(r.signingSecret(), "signingSecret", secrets);
            absent(r.channel(), "channel", kind);
            absent(r.webhookUrlSecret(), "webhookUrlSecret", kind);
            absent(r.botTokenSecret(), "botTokenSecret", kind);
            absent(r.apiBaseUrl(), "apiBaseUrl", kind);
        } else {
            required(r.channel(), "channel", kind);
            absent(r.url(), "url", kind);
            absent(r.accessTokenSecret(), "accessTokenSecret", kind);
            absent(r.signingSecret(), "signingSecret", kind);
            absent(r.signatureFormat(), "signatureFormat", kind);
            if (Boolean.TRUE.equals(r.sendTraceparent())) {
                throw ApiException.badRequest("'sendTraceparent' applies only to webhook integrations.",
                        "sendTraceparent");
            }
            if ((r.webhookUrlSecret() == null) == (r.botTokenSecret() == null)) {
                throw ApiException.badRequest("A Slack integration names exactly one of 'webhookUrlSecret' and "
                        + "'botTokenSecret'.", r.webhookUrlSecret() == null ? "webhookUrlSecret" : "botTokenSecret");
            }
            optionalSecret(r.webhookUrlSecret(), "webhookUrlSecret", secrets);
            optionalSecret(r.botTokenSecret(), "botTokenSecret", secrets);
            if (r.apiBaseUrl() != null) {
                if (r.botTokenSecret() == null) {
                    throw ApiException.badRequest("'apiBaseUrl' applies only with 'botTokenSecret'.", "apiBaseUrl");
                }
            }
        }
        return new Valid(r.name(), kind, r, secrets);
    }

    private static void optionalSecret(String name, String field, List<SecretField> secrets) {
        if (name != null) {
            secrets.add(new SecretField(field, name));
        }
    }

    private static void required(String value, String field, Kind kind) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("'" + field + "' is required for " + kind + " integrations.", field);
        }
    }

    private static void absent(String value, String field, Kind kind) {
        if (value != null) {
            throw ApiException.badRequest("'" + field + "' does not apply to " + kind + " integrations.", field);
        }
    }
}
