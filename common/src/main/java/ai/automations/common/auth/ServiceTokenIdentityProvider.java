package ai.automations.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Knows the suite's own services by the tokens in {@code automations.auth.trusted-services}: the same in every
 * service, since each only needs its configuration. Tokens are compared in constant time.
 */
@ApplicationScoped
public class ServiceTokenIdentityProvider implements IdentityProvider<ServiceTokenRequest> {

    private final AuthConfig config;

    public ServiceTokenIdentityProvider(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Class<ServiceTokenRequest> getRequestType() {
        return ServiceTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ServiceTokenRequest request, AuthenticationRequestContext context) {
        byte[] presented = request.token().getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, String> trusted : config.trustedServices().entrySet()) {
            if (MessageDigest.isEqual(presented, trusted.getValue().getBytes(StandardCharsets.UTF_8))) {
                return Uni.createFrom().item(CallerIdentity.of(Caller.service(trusted.getKey())));
            }
        }
        return Uni.createFrom().nullItem();
    }
}
