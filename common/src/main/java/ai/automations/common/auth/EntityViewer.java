package ai.automations.common.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.security.PermissionsAllowed;

/** Reads under {@code /api/v1/entities/{entity}}: the caller needs at least VIEWER in that entity. Checked by {@link EntityPermissions}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
@PermissionsAllowed(value = "VIEWER", permission = EntityPermission.class)
public @interface EntityViewer {
}
