package ai.automations.common.auth;

import java.security.Permission;

/**
 * "At least this role in the request's entity": the permission {@link EntityViewer}, {@link EntityMember} and
 * {@link EntityAdmin} ask for, named after the role. {@link EntityPermissions} decides it for each request.
 */
public final class EntityPermission extends Permission {

    private final Role required;

    public EntityPermission(String name) {
        super(name);
        this.required = Role.valueOf(name);
    }

    public Role required() {
        return required;
    }

    /** Granted only by {@link EntityPermissions}, never implied by another permission. */
    @Override
    public boolean implies(Permission permission) {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EntityPermission p && p.required == required;
    }

    @Override
    public int hashCode() {
        return required.hashCode();
    }

    @Override
    public String getActions() {
        return "";
    }
}
