package ai.automations.common.auth;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.security.HttpSecurity;

/**
 * Every request to {@code /api} or {@code /internal} must be authenticated, before routing: an unauthenticated
 * caller gets 401 whether or not the path exists, so it learns nothing about which paths do. What an authenticated
 * caller may do is declared on each endpoint ({@code @RolesAllowed}, {@link EntityViewer} and its siblings). The
 * service's {@link AuthConfig#publicPathPrefixes()} are the exception: their endpoints ({@code @PermitAll})
 * authenticate the request themselves.
 */
@Singleton
public class AuthenticatedPaths {

    void require(@Observes HttpSecurity http, AuthConfig config) {
        for (String prefix : config.publicPathPrefixes().orElse(List.of())) {
            http.path(prefix.endsWith("/") ? prefix + "*" : prefix + "/*").permit();
        }
        http.path(BearerAuthenticationMechanism.API + "*", BearerAuthenticationMechanism.INTERNAL + "*").authenticated();
    }
}
