package ai.automations.common.auth;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import ai.automations.common.error.ApiException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The one place that decides whether a caller may act in an entity with at least a role.
 * <p>
 * For endpoints under {@code /api/v1/entities/{entity}} it decides {@link EntityPermission}s ({@link EntityViewer},
 * {@link EntityMember}, {@link EntityAdmin}): whether the caller holds at least a role in the entity named by the
 * request's {@code {entity}} path segment. The entity is read from the matched route, not from the endpoint's arguments, so the
 * check runs before the request body is read: a caller without the role learns nothing from how its body would have
 * been judged. A refusal answers 403 with the contract's body, saying whether the caller has no access to the entity
 * at all or too little of it.
 * <p>
 * Endpoints that find the entity only from what they read ({@code /api/v1/artifacts/{id}}, {@code /executions/{id}},
 * the entity of each ingested event) are {@code @RolesAllowed(user)} and ask the same rule through
 * {@link #requireFound} or {@link #require} once they know the entity.
 */
@ApplicationScoped
public class EntityPermissions implements SecurityIdentityAugmentor {

    /** The path parameter that names the entity a request acts on. */
    static final String ENTITY_PARAM = "entity";

    private final UriInfo request;

    public EntityPermissions(UriInfo request) {
        this.request = request;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        Caller caller = CallerIdentity.callerOf(identity);
        if (caller == null) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addPermissionChecker(permission -> permission instanceof EntityPermission required
                        ? check(caller, required.required())
                        : Uni.createFrom().item(false))
                .build());
    }

    private Uni<Boolean> check(Caller caller, Role required) {
        String entity = request.getPathParameters().getFirst(ENTITY_PARAM);
        if (entity == null) {
            return Uni.createFrom().item(false);
        }
        return caller.has(entity, required) ? Uni.createFrom().item(true)
                : Uni.createFrom().failure(refusal(caller, entity, required));
    }

    /** Fails with the 403 {@link EntityPermission} answers unless the caller holds at least {@code required}. */
    public static void require(Caller caller, String entity, Role required) {
        if (!caller.has(entity, required)) {
            throw refusal(caller, entity, required);
        }
    }

    /**
     * For something found by id in {@code entity}: fails with {@code notFound} when the caller holds no role there
     * (so it learns nothing of what other entities hold), with the 403 when it holds too little.
     */
    public static void requireFound(Caller caller, String entity, Role required, Supplier<ApiException> notFound) {
        if (caller.roleIn(entity).isEmpty()) {
            throw notFound.get();
        }
        require(caller, entity, required);
    }

    /** The 403 for a caller who lacks {@code required} in {@code entity}: it says whether any role is held there. */
    private static ApiException refusal(Caller caller, String entity, Role required) {
        return ApiException.forbidden(caller.roleIn(entity).isEmpty()
                ? "You have no access to entity '" + entity + "'."
                : "This needs the " + required + " role in entity '" + entity + "'.");
    }
}
