package ai.automations.registry.automation;

import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.auth.Caller;
import ai.automations.common.automation.ActionSpec;
import ai.automations.common.automation.ActionSpec.ActionType;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.AutomationScope;
import ai.automations.common.automation.AutomationScope.ScopeType;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.automation.EventTrigger;
import ai.automations.common.automation.RateLimit;
import ai.automations.common.error.ApiException;
import ai.automations.common.error.RequestErrors;
import ai.automations.common.integration.IntegrationDescriptor.Kind;
import ai.automations.registry.automation.AutomationValidator.Normalised;
import ai.automations.registry.entity.EntityNamespace;
import ai.automations.registry.integration.Integration;
import ai.automations.registry.outbox.Outbox;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.project.Project;
import ai.automations.registry.registry.Registry;
import ai.automations.registry.support.JsonText;
import ai.automations.registry.support.Page;
import ai.automations.registry.support.PageRequest;
import ai.automations.registry.support.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/**
 * Automation definitions: validated and normalised, stored, and published (each change in the same transaction,
 * through the outbox) to the compacted {@code automation.definitions} topic keyed by id; a delete publishes a
 * tombstone.
 */
@ApplicationScoped
public class AutomationService {

    private final Tx tx;
    private final Outbox outbox;
    private final JsonText json;
    private final Validator validator;
    private final AutomationValidator rules;
    private final InstantSource clock;

    public AutomationService(Tx tx, Outbox outbox, JsonText json, Validator validator, AutomationValidator rules,
            InstantSource clock) {
        this.tx = tx;
        this.outbox = outbox;
        this.json = json;
        this.validator = validator;
        this.rules = rules;
        this.clock = clock;
    }

    public Uni<AutomationDefinition> create(Caller caller, String entityName, AutomationRequest request) {
        Normalised valid = rules.validate(request);
        return tx.write(() -> EntityNamespace.require(entityName).flatMap(entity -> checkReferences(entity, valid)
                .chain(() -> nameFree(entity, valid.name(), null))
                .chain(() -> {
                    Automation a = new Automation();
                    a.id = UUID.randomUUID();
                    a.entityId = entity.id;
                    a.createdBy = caller.name();
                    a.createdAt = Timestamps.now(clock);
                    apply(a, valid);
                    AutomationDefinition definition = definition(a, entityName);
                    return a.persist().chain(() -> outbox.definition(a.id.toString(), definition))
                            .replaceWith(definition);
                })));
    }

    /** Replaces an automation (PUT); its id, creator and creation time stay. */
    public Uni<AutomationDefinition> replace(String entityName, String id, AutomationRequest request) {
        Normalised valid = rules.validate(request);
        UUID automationId = idOrNotFound(id);
        return tx.write(() -> EntityNamespace.require(entityName).flatMap(entity -> locked(entity, automationId)
                .flatMap(a -> update(entity, a, valid))));
    }

    /** What {@link #applyByName} did: created the automation (201) or replaced it (200). */
    public record Applied(AutomationDefinition definition, boolean created) {
    }

    /**
     * Creates or replaces the automation named {@code name} (GitOps "apply"): the body is a full automation whose
     * {@code name} is absent or equals the path's. Concurrent applies of one name are serialised by a transaction-scoped
     * advisory lock on (entity, name), so they never create two (the unique (entity, name) constraint backs this).
     */
    public Uni<Applied> applyByName(Caller caller, String entityName, String name, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.", null);
        }
        ObjectNode named = ((ObjectNode) body).deepCopy();
        JsonNode given = named.get("name");
        if (given == null || given.isNull()) {
            named.put("name", name);
        } else if (!given.isTextual() || !given.asText().equals(name)) {
            throw ApiException.badRequest("'name' must be left out or equal the name in the path ('" + name + "').",
                    "name");
        }
        Normalised valid = rules.validate(parse(named));
        return tx.write(() -> EntityNamespace.require(entityName).flatMap(entity -> lockName(entity, name)
                .chain(() -> Automation.<Automation>find("entityId = ?1 and name = ?2", entity.id, name)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).<Automation>firstResult())
                .flatMap((Automation existing) -> {
                    if (existing != null) {
                        return update(entity, existing, valid).map(d -> new Applied(d, false));
                    }
                    return checkReferences(entity, valid).chain(() -> {
                        Automation a = new Automation();
                        a.id = UUID.randomUUID();
                        a.entityId = entity.id;
                        a.createdBy = caller.name();
                        a.createdAt = Timestamps.now(clock);
                        apply(a, valid);
                        AutomationDefinition definition = definition(a, entityName);
                        return a.persist().chain(() -> outbox.definition(a.id.toString(), definition))
                                .replaceWith(new Applied(definition, true));
                    });
                })));
    }

    /** Holds, until the transaction ends, the lock that serialises applies of one name in one entity. */
    private static Uni<Void> lockName(EntityNamespace entity, String name) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))", Integer.class)
                .setParameter("key", "automation-name/" + entity.id + "/" + name)
                .getSingleResult())
                .replaceWithVoid();
    }

    /** Changes some fields (JSON merge patch, e.g. {@code {"enabled": false}}), then validates the whole again. */
    public Uni<AutomationDefinition> patch(String entityName, String id, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("A PATCH body is a JSON object of the fields to change.", null);
        }
        UUID automationId = idOrNotFound(id);
        return tx.write(() -> EntityNamespace.require(entityName).flatMap(entity -> locked(entity, automationId)
                .flatMap(a -> {
                    ObjectNode current = asRequest(definition(a, entityName));
                    Normalised valid = rules.validate(parse(merge(current, patch)));
                    return update(entity, a, valid);
                })));
    }

    public Uni<Void> delete(String entityName, String id) {
        UUID automationId = idOrNotFound(id);
        return tx.write(() -> EntityNamespace.require(entityName).flatMap(entity -> locked(entity, automationId)
                .flatMap(a -> Automation.delete("id", a.id).chain(() -> outbox.definition(a.id.toString(), null)))));
    }

    public Uni<AutomationDefinition> get(String entityName, String id) {
        UUID automationId = idOrNotFound(id);
        return tx.read(() -> EntityNamespace.require(entityName).flatMap(entity -> Automation
                .<Automation>find("id = ?1 and entityId = ?2", automationId, entity.id).firstResult()
                .map(a -> definition(found(a, id), entityName))));
    }

    /** The definition by id alone, for the suite's services; 404 once deleted. */
    public Uni<AutomationDefinition> byId(String id) {
        UUID automationId = idOrNotFound(id);
        return tx.read(() -> Automation.<Automation>findById(automationId).flatMap(a -> EntityNamespace
                .<EntityNamespace>findById(found(a, id).entityId).map(entity -> definition(a, entity.name))));
    }

    /** An entity's automations by name, narrowed by the contract's list filters ({@code name}: the one of that name). */
    public Uni<Page<AutomationDefinition>> list(String entityName, ListFilter filter, PageRequest page) {
        return tx.read(() -> EntityNamespace.require(entityName).flatMap(entity -> {
            StringBuilder query = new StringBuilder("entityId = :entity and name > :after");
            Parameters params = Parameters.with("entity", entity.id).and("after",
                    page.after() == null ? "" : page.after());
            if (filter.scopeType() != null) {
                query.append(" and scopeType = :scopeType");
                params.and("scopeType", filter.scopeType());
            }
            if (filter.project() != null) {
                query.append(" and scopeProject = :project");
                params.and("project", filter.project());
            }
            if (filter.registry() != null) {
                query.append(" and scopeRegistry = :registry");
                params.and("registry", filter.registry());
            }
            if (filter.collection() != null) {
                query.append(" and scopeCollection = :collection");
                params.and("collection", filter.collection());
            }
            if (filter.enabled() != null) {
                query.append(" and enabled = :enabled");
                params.and("enabled", filter.enabled());
            }
            if (filter.name() != null) {
                query.append(" and name = :name");
                params.and("name", filter.name());
            }
            query.append(" order by name");
            return Automation.<Automation>find(query.toString(), params).range(0, page.limit()).list()
                    .map(rows -> Page.of(rows, page, a -> a.name, a -> definition(a, entityName)));
        }));
    }

    /** The list filters of {@code GET .../automations}. */
    public record ListFilter(ScopeType scopeType, String project, String registry, String collection,
            Boolean enabled, String name) {

        /** The filters from query parameters the resource's constraints have checked. */
        public static ListFilter of(String scopeType, String project, String registry, String collection,
                String enabled, String name) {
            ScopeType type = scopeType == null ? null : ScopeType.valueOf(scopeType.toUpperCase(Locale.ROOT));
            Boolean on = enabled == null ? null : Boolean.valueOf(enabled);
            return new ListFilter(type, project, registry, collection, on, name);
        }
    }

    private Uni<AutomationDefinition> update(EntityNamespace entity, Automation a, Normalised valid) {
        return checkReferences(entity, valid).chain(() -> nameFree(entity, valid.name(), a.id)).chain(() -> {
            apply(a, valid);
            a.updatedAt = Timestamps.now(clock);
            AutomationDefinition definition = definition(a, entity.name);
            return outbox.definition(a.id.toString(), definition).replaceWith(definition);
        });
    }

    /** The action's integration exists with the right kind, and the scope's project or registry exists. */
    private Uni<Void> checkReferences(EntityNamespace entity, Normalised valid) {
        return integration(entity, valid.action()).chain(() -> scopeTarget(entity, valid.scope()));
    }

    private Uni<Void> integration(EntityNamespace entity, ActionSpec action) {
        if (action.type() == ActionType.NO_OP) {
            return Uni.createFrom().voidItem();
        }
        Kind needed = action.type() == ActionType.GENERIC_WEBHOOK ? Kind.webhook : Kind.slack;
        return Integration.<Integration>find("entityId = ?1 and name = ?2", entity.id, action.integration())
                .withLock(LockModeType.PESSIMISTIC_READ).firstResult().map(i -> {
                    if (i == null) {
                        throw ApiException.unprocessable("No integration '" + action.integration() + "' in entity '"
                                + entity.name + "'.", "action.integration");
                    }
                    if (i.kind != needed) {
                        throw ApiException.unprocessable("A " + action.type() + " action needs a " + needed
                                + " integration; '" + i.name + "' is a " + i.kind + " integration.",
                                "action.integration");
                    }
                    return null;
                });
    }

    private static Uni<Void> scopeTarget(EntityNamespace entity, AutomationScope scope) {
        if (scope.project() != null) {
            return Project.KIND.find(entity.id, scope.project()).map(p -> {
                if (p == null) {
                    throw ApiException.unprocessable("No project '" + scope.project() + "' in entity '" + entity.name
                            + "'.", "scope.project");
                }
                return null;
            });
        }
        if (scope.registry() != null) {
            return Registry.KIND.find(entity.id, scope.registry()).map(r -> {
                if (r == null) {
                    throw ApiException.unprocessable("No registry '" + scope.registry() + "' in entity '"
                            + entity.name + "'.", "scope.registry");
                }
                return null;
            });
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> nameFree(EntityNamespace entity, String name, UUID self) {
        return Automation.<Automation>find("entityId = ?1 and name = ?2", entity.id, name).firstResult().map(a -> {
            if (a != null && !a.id.equals(self)) {
                throw ApiException.conflict("An automation named '" + name + "' exists in '" + entity.name + "'.",
                        "name");
            }
            return null;
        });
    }

    private static Uni<Automation> locked(EntityNamespace entity, UUID id) {
        return Automation.<Automation>find("id = ?1 and entityId = ?2", id, entity.id)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult().map(a -> found(a, id.toString()));
    }

    private void apply(Automation a, Normalised valid) {
        a.name = valid.name();
        a.description = valid.description();
        a.enabled = valid.enabled();
        a.scopeType = valid.scope().type();
        a.scopeProject = valid.scope().project();
        a.scopeRegistry = valid.scope().registry();
        a.scopeCollection = valid.scope().collection();
        a.eventType = valid.event().type();
        a.filter = json.write(valid.event().filter());
        a.action = json.write(valid.action());
        a.integrationName = valid.action().integration();
        a.rateLimitMax = valid.rateLimit() == null ? null : valid.rateLimit().max();
        a.rateLimitPerSeconds = valid.rateLimit() == null ? null : valid.rateLimit().perSeconds();
        if (a.updatedAt == null) {
            a.updatedAt = a.createdAt;
        }
    }

    AutomationDefinition definition(Automation a, String entity) {
        return new AutomationDefinition(a.id.toString(), entity, a.name, a.description, a.enabled,
                new AutomationScope(a.scopeType, a.scopeProject, a.scopeRegistry, a.scopeCollection),
                new EventTrigger(a.eventType, json.read(a.filter, EventFilter.class)),
                json.read(a.action, ActionSpec.class), a.createdBy, a.createdAt, a.updatedAt,
                a.rateLimitMax == null ? null : new RateLimit(a.rateLimitMax, a.rateLimitPerSeconds));
    }

    private ObjectNode asRequest(AutomationDefinition d) {
        ObjectNode node = json.mapper().valueToTree(d);
        node.remove(List.of("id", "entity", "createdBy", "createdAt", "updatedAt"));
        return node;
    }

    /** RFC 7386 JSON merge patch. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        patch.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), merge(result.get(e.getKey()), e.getValue()));
            }
        });
        return result;
    }

    /** The patched automation, held to the same constraints as a {@code PUT} body. */
    private AutomationRequest parse(JsonNode merged) {
        AutomationRequest request;
        try {
            request = json.mapper().treeToValue(merged, AutomationRequest.class);
        } catch (JsonProcessingException e) {
            throw RequestErrors.json(e);
        }
        Set<ConstraintViolation<AutomationRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw RequestErrors.violations(violations);
        }
        return request;
    }

    private static Automation found(Automation a, String id) {
        if (a == null) {
            throw ApiException.notFound("No automation '" + id + "'.");
        }
        return a;
    }

    private static UUID idOrNotFound(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No automation '" + id + "'.");
        }
    }
}
