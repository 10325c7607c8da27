package ai.automations.console.ui.entity;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import ai.automations.console.ui.api.ApiCallException;
import ai.automations.console.ui.api.ApiClient;
import ai.automations.console.ui.api.ApiPath;
import ai.automations.console.ui.api.Service;
import ai.automations.console.ui.session.ConsoleSession;
import ai.automations.console.ui.session.SessionStore;
import ai.automations.console.ui.web.AnonymousPage;
import ai.automations.console.ui.web.ConsolePage;
import ai.automations.console.ui.web.CurrentSession;
import ai.automations.console.ui.web.Model;
import ai.automations.console.ui.web.Nav;
import ai.automations.console.ui.web.Pages;
import ai.automations.console.ui.web.Responses;
import ai.automations.console.ui.web.SessionCookie;
import io.smallrye.mutiny.Uni;

/**
 * Sign in with an API key, sign out. The key is checked against the API ({@code /users/me}) and then kept only in the
 * server-side session; the browser gets a fresh session id.
 */
@Path("/")
@ConsolePage
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    private final SessionStore sessions;
    private final CurrentSession current;
    private final SessionCookie cookie;
    private final ApiClient api;
    private final Pages pages;
    private final Responses responses;

    public SignInResource(SessionStore sessions, CurrentSession current, SessionCookie cookie, ApiClient api,
            Pages pages, Responses responses) {
        this.sessions = sessions;
        this.current = current;
        this.cookie = cookie;
        this.api = api;
        this.pages = pages;
        this.responses = responses;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/entities")).build();
    }

    @GET
    @Path("sign-in")
    @AnonymousPage
    public Response signInPage() {
        ConsoleSession session = current.get();
        if (session != null && session.signedIn()) {
            return Response.seeOther(URI.create("/entities")).build();
        }
        return signInForm(session == null ? sessions.visitor() : session, null);
    }

    @POST
    @Path("sign-in")
    @AnonymousPage
    public Uni<Response> signIn(@RestForm String apiKey, @Context HttpHeaders headers) {
        ConsoleSession visitor = current.get();
        if (apiKey == null || apiKey.isBlank()) {
            return Uni.createFrom().item(signInForm(visitor, "Enter an API key."));
        }
        String key = apiKey.strip();
        return api.getObject(key, Service.REGISTRY, ApiPath.of("users", "me"))
                .map(me -> {
                    ConsoleSession session = sessions.signIn(visitor, key, String.valueOf(me.get("name")));
                    return Response.fromResponse(responses.redirect(headers.getHeaderString("HX-Request") != null,
                            "/entities")).cookie(cookie.of(session)).build();
                })
                .onFailure(ApiCallException.class).recoverWithItem(e -> signInForm(visitor,
                        ((ApiCallException) e).status() == 401 ? "That API key was not accepted."
                                : ((ApiCallException) e).userMessage()));
    }

    @POST
    @Path("sign-out")
    public Response signOut(@Context HttpHeaders headers) {
        sessions.end(current.get());
        return Response.fromResponse(responses.redirect(headers.getHeaderString("HX-Request") != null, "/sign-in"))
                .cookie(cookie.cleared()).build();
    }

    private Response signInForm(ConsoleSession visitor, String error) {
        Nav nav = new Nav(null, List.of(), null, null, null, visitor.csrfToken(), List.of());
        return Response.ok(pages.instance("sign-in", Model.of("nav", nav, "error", error)).render(),
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .cookie(cookie.of(visitor)).build();
    }
}
