package ai.automations.registry.auth;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** registry-service's own authentication settings. */
@ConfigMapping(prefix = "automations.auth")
public interface RegistryAuthConfig {

    /**
     * The bootstrap admin's API key ({@code AUTOMATIONS_AUTH_BOOTSTRAP_ADMIN_KEY}). When set, user {@code admin}, a
     * global admin, holds this key after every start; only its digest is stored.
     */
    Optional<String> bootstrapAdminKey();
}
