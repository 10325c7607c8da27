package ai.automations.common.auth;

import java.lang.reflect.Method;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import ai.automations.common.error.ApiError;
import ai.automations.common.error.RouteLabel;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Authenticates every {@code /api} request by its API key and every {@code /internal} request by a service token,
 * and enforces the caller's role on endpoints under {@code /api/v1/entities/{entity}}. Endpoints that find their
 * entity elsewhere (an artifact id, an execution id) check it themselves through {@link CurrentCaller}.
 */
public class AuthFilter {

    /** The path parameter that names the entity a request acts on. */
    public static final String ENTITY_PARAM = "entity";

    private static final String BEARER = "Bearer ";

    private final ApiKeyAuthenticator authenticator;
    private final AuthConfig config;
    private final CurrentCaller currentCaller;
    private final Map<Method, Optional<Role>> declaredRoles = new ConcurrentHashMap<>();

    public AuthFilter(ApiKeyAuthenticator authenticator, AuthConfig config, CurrentCaller currentCaller) {
        this.authenticator = authenticator;
        this.config = config;
        this.currentCaller = currentCaller;
    }

    /** Runs before routing, so an unauthenticated request learns nothing about which paths exist. */
    @ServerRequestFilter(preMatching = true)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        Context context = Vertx.currentContext();
        if (path.startsWith("/internal/")) {
            return Uni.createFrom().item(refused(context, RouteLabel.UNAUTHENTICATED_INTERNAL, authenticateService(request)));
        }
        if (!path.startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        String apiKey = bearerToken(request);
        if (apiKey == null) {
            return Uni.createFrom().item(refused(context, RouteLabel.UNAUTHENTICATED_API,
                    unauthorized("Send an API key: Authorization: Bearer <api-key>.")));
        }
        return authenticator.authenticate(apiKey).map(caller -> {
            if (caller == null) {
                return refused(context, RouteLabel.UNAUTHENTICATED_API, unauthorized("The API key is not valid."));
            }
            currentCaller.set(caller);
            return null;
        });
    }

    /** A refusal comes before routing: its metrics are labelled by area, never by its raw path. */
    private static Response refused(Context context, String label, Response response) {
        if (response != null) {
            RouteLabel.labelUnrouted(context, label);
        }
        return response;
    }

    /** Runs after routing: enforces the role an endpoint under {@code /api/v1/entities/{entity}} needs. */
    @ServerRequestFilter
    public Response authorize(ContainerRequestContext request, ResourceInfo resource) {
        String entity = request.getUriInfo().getPathParameters().getFirst(ENTITY_PARAM);
        if (entity == null || !request.getUriInfo().getPath().startsWith("/api/")) {
            return null;
        }
        Caller caller = currentCaller.get();
        Role required = requiredRole(resource.getResourceMethod(), request.getMethod());
        if (!caller.has(entity, required)) {
            String message = caller.roleIn(entity).isEmpty()
                    ? "You have no access to entity '" + entity + "'."
                    : "This needs the " + required + " role in entity '" + entity + "'.";
            return error(403, "FORBIDDEN", message);
        }
        return null;
    }

    private Response authenticateService(ContainerRequestContext request) {
        String token = bearerToken(request);
        if (token != null) {
            byte[] presented = token.getBytes(StandardCharsets.UTF_8);
            for (Map.Entry<String, String> trusted : config.trustedServices().entrySet()) {
                if (MessageDigest.isEqual(presented, trusted.getValue().getBytes(StandardCharsets.UTF_8))) {
                    currentCaller.set(Caller.service(trusted.getKey()));
                    return null;
                }
            }
        }
        return unauthorized("Internal endpoints need a service token.");
    }

    private Role requiredRole(Method method, String httpMethod) {
        Optional<Role> declared = method == null ? Optional.empty()
                : declaredRoles.computeIfAbsent(method, AuthFilter::declaredRole);
        return declared.orElse(HttpMethod.GET.equals(httpMethod) || HttpMethod.HEAD.equals(httpMethod)
                ? Role.VIEWER
                : Role.MEMBER);
    }

    private static Optional<Role> declaredRole(Method method) {
        RequiresRole onMethod = method.getAnnotation(RequiresRole.class);
        if (onMethod != null) {
            return Optional.of(onMethod.value());
        }
        return Optional.ofNullable(method.getDeclaringClass().getAnnotation(RequiresRole.class)).map(RequiresRole::value);
    }

    private static String bearerToken(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    private static Response unauthorized(String message) {
        return error(401, "UNAUTHORIZED", message);
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(code, message, null)).build();
    }
}
