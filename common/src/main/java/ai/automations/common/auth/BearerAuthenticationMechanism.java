package ai.automations.common.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

import ai.automations.common.error.ApiError;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The one way in: {@code Authorization: Bearer <token>}, read as an API key on {@code /api} and as a service token on
 * {@code /internal}. The token is handed to this service's identity providers; a token they do not know fails
 * authentication. A request without a token stays anonymous here and is refused by {@link AuthenticatedPaths}. Either
 * way the caller gets a 401 with the contract's JSON error: from this mechanism's challenge, or from
 * {@link SecurityErrorMapper} where Quarkus REST maps the failure; both take it from {@link Refusals}. A path under
 * {@link AuthConfig#publicPathPrefixes()} stays anonymous whatever it carries: its endpoint authenticates it.
 */
@ApplicationScoped
public class BearerAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String API = "/api/";
    static final String INTERNAL = "/internal/";

    private static final String BEARER = "Bearer ";

    private final AuthConfig config;

    public BearerAuthenticationMechanism(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String path = context.normalizedPath();
        boolean internal = path.startsWith(INTERNAL);
        if (!internal && config.isPublic(path)) {
            return Uni.createFrom().nullItem();
        }
        String token = internal || path.startsWith(API) ? bearerToken(context.request().getHeader(HttpHeaders.AUTHORIZATION))
                : null;
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        AuthenticationRequest request = internal ? new ServiceTokenRequest(token) : new ApiKeyRequest(token);
        String refusal = internal ? Refusals.SERVICE_TOKEN_NEEDED : Refusals.INVALID_API_KEY;
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identities.authenticate(request)
                .onFailure(AuthenticationFailedException.class).transform(e -> new AuthenticationFailedException(refusal))
                .onItem().ifNull().failWith(() -> new AuthenticationFailedException(refusal));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        AuthenticationFailedException failure = HttpSecurityUtils.getAuthenticationFailureFromEvent(context);
        ApiError error = Refusals.unauthenticated(context.normalizedPath(), failure == null ? null : failure.getMessage());
        String body = new JsonObject().put("error", error.error()).put("message", error.message()).encode();
        HttpServerResponse response = context.response().setStatusCode(401)
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        return Uni.createFrom().completionStage(response.end(body).toCompletionStage()).replaceWith(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class, ServiceTokenRequest.class);
    }

    static String bearerToken(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }
}
