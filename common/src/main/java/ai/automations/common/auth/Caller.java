package ai.automations.common.auth;

import java.util.Map;
import java.util.Optional;

/**
 * Who is making a request: a user (with a role per entity, or global admin rights for the bootstrap admin) or,
 * on internal endpoints, one of the suite's own services.
 */
public record Caller(String userId, String name, boolean admin, Map<String, Role> roles, String service) {

    public static Caller user(String userId, String name, boolean admin, Map<String, Role> roles) {
        return new Caller(userId, name, admin, Map.copyOf(roles), null);
    }

    public static Caller service(String service) {
        return new Caller(null, service, false, Map.of(), service);
    }

    public boolean isService() {
        return service != null;
    }

    /** The caller's role in an entity; a global admin is ADMIN everywhere. */
    public Optional<Role> roleIn(String entity) {
        if (admin) {
            return Optional.of(Role.ADMIN);
        }
        return Optional.ofNullable(roles.get(entity));
    }

    public boolean has(String entity, Role required) {
        return roleIn(entity).map(r -> r.includes(required)).orElse(false);
    }
}
