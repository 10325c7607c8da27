package ai.automations.common.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Decides {@link EntityPermission}s: whether the caller holds at least a role in the entity named by the request's
 * {@code {entity}} path segment. The entity is read from the matched route, not from the endpoint's arguments, so the
 * check runs before the request body is read: a caller without the role learns nothing from how its body would have
 * been judged. A refusal answers 403 with the contract's body, saying whether the caller has no access to the entity
 * at all or too little of it.
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
                : Uni.createFrom().failure(caller.refusal(entity, required));
    }
}
