package ai.automations.common.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.security.PermissionsAllowed;

/** Administration of an entity (members, integrations, secrets): the caller needs ADMIN in it. Checked by {@link EntityPermissions}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
@PermissionsAllowed(value = "ADMIN", permission = EntityPermission.class)
public @interface EntityAdmin {
}
