package ai.automations.console.ui.web;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import ai.automations.console.ui.session.ConsoleSession;
import ai.automations.console.ui.session.SessionStore;
import io.quarkus.logging.Log;

/**
 * Guards every console page: finds the browser's session (or sends it to sign in), and refuses any state-changing
 * request that is not proven to come from the console's own pages: the CSRF token of the session must be in the
 * {@code X-CSRF-Token} header (htmx sends it from the page; a cross-site form cannot set a header), and the
 * {@code Origin}/{@code Sec-Fetch-Site} headers, when the browser sends them, must say same-origin.
 */
@Provider
@ConsolePage
public class ConsoleRequestFilter implements ContainerRequestFilter {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final SessionStore sessions;
    private final CurrentSession current;
    private final Responses responses;

    @Context
    ResourceInfo resource;

    public ConsoleRequestFilter(SessionStore sessions, CurrentSession current, Responses responses) {
        this.sessions = sessions;
        this.current = current;
        this.responses = responses;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(SessionCookie.NAME);
        Optional<ConsoleSession> session = sessions.find(cookie == null ? null : cookie.getValue());
        boolean anonymous = resource.getResourceMethod().isAnnotationPresent(AnonymousPage.class);
        if (!SAFE.contains(request.getMethod())) {
            String refusal = refusal(request, session);
            if (refusal != null) {
                Log.warnf("console: refused %s %s: %s", request.getMethod(), request.getUriInfo().getPath(), refusal);
                request.abortWith(responses.forbidden(refusal));
                return;
            }
        }
        if (session.isPresent() && (anonymous || session.get().signedIn())) {
            current.set(session.get());
        } else if (!anonymous) {
            request.abortWith(responses.redirect(request, "/sign-in"));
        }
    }

    private static String refusal(ContainerRequestContext request, Optional<ConsoleSession> session) {
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return "This request came from another site (Sec-Fetch-Site: " + fetchSite + ") and was refused.";
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameHost(origin, request.getHeaderString("Host"))) {
            return "This request came from another origin and was refused.";
        }
        if (session.isEmpty()) {
            return "Your session has expired. Reload the page and sign in again.";
        }
        if (!SessionStore.csrfMatches(session.get(), request.getHeaderString(CSRF_HEADER))) {
            return "This request did not carry the console's CSRF token and was refused. Reload the page and retry.";
        }
        return null;
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || host == null) {
                return false;
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return authority.equalsIgnoreCase(host) || (uri.getPort() < 0 && host.equalsIgnoreCase(uri.getHost()
                    + (uri.getScheme().equals("https") ? ":443" : ":80")));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
