package ai.automations.common.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * How a {@link Caller} travels in Quarkus Security: the identity's roles say what kind of caller it is ({@link #USER},
 * {@link #SERVICE}, and {@link #GLOBAL_ADMIN} for the bootstrap admin), and the caller itself, with its role in each
 * entity, rides along as an attribute for the entity permission checks and for the services.
 */
public final class CallerIdentity {

    /** Role of every caller authenticated by an API key. */
    public static final String USER = "user";
    /** Role of the suite's own services, authenticated by a service token on {@code /internal}. */
    public static final String SERVICE = "service";
    /** Role of the global (bootstrap) admin, who is ADMIN in every entity. */
    public static final String GLOBAL_ADMIN = "global-admin";

    private static final String ATTRIBUTE = Caller.class.getName();

    private CallerIdentity() {
    }

    public static SecurityIdentity of(Caller caller) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.name()))
                .addRole(caller.isService() ? SERVICE : USER)
                .addAttribute(ATTRIBUTE, caller);
        if (caller.admin()) {
            identity.addRole(GLOBAL_ADMIN);
        }
        return identity.build();
    }

    /** The caller behind an identity, or null for an anonymous one. */
    public static Caller callerOf(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getAttribute(ATTRIBUTE);
    }
}
