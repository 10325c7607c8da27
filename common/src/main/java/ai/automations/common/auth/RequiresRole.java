package ai.automations.common.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role an endpoint under {@code /api/v1/entities/{entity}} needs in that entity. Without it, reads need
 * VIEWER and writes MEMBER.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequiresRole {
    Role value();
}
