package ai.automations.console.ui.web;

import java.net.URI;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import ai.automations.console.ui.api.ApiCallException;
import ai.automations.console.ui.session.SessionStore;

/**
 * A page whose API call was refused: a revoked or expired key signs the browser out; anything else shows the API's
 * own error sentence with its status.
 */
public class PageErrors {

    private final Responses responses;
    private final CurrentSession current;
    private final SessionStore sessions;
    private final SessionCookie cookie;

    public PageErrors(Responses responses, CurrentSession current, SessionStore sessions, SessionCookie cookie) {
        this.responses = responses;
        this.current = current;
        this.sessions = sessions;
        this.cookie = cookie;
    }

    @ServerExceptionMapper
    public Response apiRefused(ApiCallException e) {
        if (e.status() == 401 && current.get() != null) {
            sessions.end(current.get());
            return Response.seeOther(URI.create("/sign-in")).cookie(cookie.cleared()).build();
        }
        String title = switch (e.status()) {
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 502 -> "Service unavailable";
            default -> "Something went wrong";
        };
        return responses.error(e.status() >= 400 && e.status() < 600 ? e.status() : 502, title, e.userMessage());
    }
}
