package ai.automations.common.auth;

import io.smallrye.mutiny.Uni;

/**
 * Turns an API key into the caller it belongs to, or a null item when the key is unknown or revoked.
 * registry-service, which owns keys, answers from its database; the other services ask it.
 */
public interface ApiKeyAuthenticator {
    Uni<Caller> authenticate(String apiKey);
}
