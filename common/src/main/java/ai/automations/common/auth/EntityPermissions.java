package ai.automations.common.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.PermissionChecker;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The permission checks for a caller's role in an entity. An endpoint asks for one through {@link EntityViewer},
 * {@link EntityMember} or {@link EntityAdmin}; the checked entity is the endpoint's parameter named {@code entity}
 * (its {@code {entity}} path segment). A refusal answers 403 with the contract's body, saying whether the caller has
 * no access to the entity at all or too little of it.
 */
@ApplicationScoped
public class EntityPermissions {

    public static final String VIEW = "entity:view";
    public static final String EDIT = "entity:edit";
    public static final String ADMINISTER = "entity:administer";

    @PermissionChecker(VIEW)
    Uni<Boolean> canView(SecurityIdentity identity, String entity) {
        return check(identity, entity, Role.VIEWER);
    }

    @PermissionChecker(EDIT)
    Uni<Boolean> canEdit(SecurityIdentity identity, String entity) {
        return check(identity, entity, Role.MEMBER);
    }

    @PermissionChecker(ADMINISTER)
    Uni<Boolean> canAdminister(SecurityIdentity identity, String entity) {
        return check(identity, entity, Role.ADMIN);
    }

    private static Uni<Boolean> check(SecurityIdentity identity, String entity, Role required) {
        Caller caller = CallerIdentity.callerOf(identity);
        if (caller == null) {
            return Uni.createFrom().item(false);
        }
        return caller.has(entity, required) ? Uni.createFrom().item(true)
                : Uni.createFrom().failure(caller.refusal(entity, required));
    }
}
