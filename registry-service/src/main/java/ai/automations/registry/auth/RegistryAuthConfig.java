package ai.automations.registry.auth;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** registry-service's own authentication settings. */
@ConfigMapping(prefix = "automations.auth")
public interface RegistryAuthConfig {

    /**
     * The bootstrap admin's API key ({@code AUTOMATIONS_AUTH_BOOTSTRAP_ADMIN_KEY}). When set, user {@code admin}, a
     * global admin, holds this key after every start; only its digest is stored.
     */
    Optional<String> bootstrapAdminKey();

    /**
     * How long an API key's identity (user, admin flag, roles) is reused from memory at most. Changes void it at
     * once on every instance ({@link AuthChanges}); this only bounds the damage of a lost notice.
     */
    @WithDefault("30s")
    Duration keyCacheTtl();

    /** How many API keys' identities are kept in memory at most. */
    @WithDefault("10000")
    int keyCacheSize();

    /** How long a call that changes access waits at most for its change to be announced to every instance. */
    @WithDefault("2s")
    Duration changeWait();
}
