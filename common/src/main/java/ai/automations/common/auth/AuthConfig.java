package ai.automations.common.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service authenticates callers and itself. */
@ConfigMapping(prefix = "automations.auth")
public interface AuthConfig {

    /** This service's name, as other services know it on internal calls. */
    @WithDefault("${quarkus.application.name}")
    String serviceName();

    /** The token this service presents on its internal calls to other services. */
    String serviceToken();

    /** Service name to token: the callers allowed on this service's {@code /internal} endpoints. */
    Map<String, String> trustedServices();

    /**
     * How long registry-service's answer about an API key is reused by the other services: a revoked key or a changed
     * role reaches them within this time (registry-service itself answers from its database, at once).
     */
    @WithDefault("10s")
    Duration cacheTtl();

    /** How many API keys' answers the other services keep at most; past it, the least likely to be used again go. */
    @WithDefault("10000")
    int cacheSize();

    /**
     * Path prefixes under {@code /api/} that take no API key because the endpoint authenticates the request itself
     * (registry-service's source receivers, {@code /api/v1/sources/}, checked by their signature or secret). Empty
     * in every other service, so there every {@code /api} path needs a key.
     */
    Optional<List<String>> publicPathPrefixes();

    /** True when {@code path} is under one of {@link #publicPathPrefixes()}. */
    default boolean isPublic(String path) {
        return path != null && publicPathPrefixes().orElse(List.of()).stream().anyMatch(path::startsWith);
    }
}
