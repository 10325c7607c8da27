package ai.automations.common.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns an API key into the identity of the user holding it. Each service has exactly one: registry-service reads
 * its database, the others ask registry-service ({@link RemoteApiKeyIdentityProvider}).
 */
public abstract class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    @Override
    public final Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public final Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        return caller(request.apiKey()).map(caller -> caller == null ? null : CallerIdentity.of(caller));
    }

    /** The user holding {@code apiKey} with its roles, or a null item when the key is unknown or revoked. */
    public abstract Uni<Caller> caller(String apiKey);
}
