package ai.automations.console.ui.web;

import java.net.URI;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.console.ui.api.ApiCallException;
import ai.automations.console.ui.api.ApiResult;
import ai.automations.console.ui.session.Flash;
import io.smallrye.mutiny.Uni;

/**
 * How the console answers a form: after a change, a redirect to the page that shows it (an {@code HX-Redirect} for
 * htmx, a 303 otherwise), with the outcome as a one-time message; the API's own error sentence when it refused.
 */
@ApplicationScoped
public class Responses {

    private final CurrentSession current;
    private final Pages pages;

    public Responses(CurrentSession current, Pages pages) {
        this.current = current;
        this.pages = pages;
    }

    /** Runs a change; on success shows {@code ok}, on an API refusal its message; then goes to {@code next}. */
    public Uni<Response> change(Uni<?> call, String ok, String next, HttpHeaders headers) {
        return change(call, ok, next, next, headers);
    }

    /** As {@link #change(Uni, String, String, HttpHeaders)}, going elsewhere when the API refused. */
    public Uni<Response> change(Uni<?> call, String ok, String next, String nextOnError, HttpHeaders headers) {
        boolean htmx = headers.getHeaderString("HX-Request") != null;
        return call.map(ignored -> {
            current.get().flash(Flash.ok(ok));
            return redirect(htmx, next);
        }).onFailure(ApiCallException.class).recoverWithItem(e -> {
            current.get().flash(Flash.error(((ApiCallException) e).userMessage()));
            return redirect(htmx, nextOnError);
        });
    }

    /** Runs a call whose answer holds a new API key, and shows that key once on the next page. */
    public Uni<Response> changeShowingKey(Uni<ApiResult> call, String text, String next, HttpHeaders headers) {
        boolean htmx = headers.getHeaderString("HX-Request") != null;
        return call.map(result -> {
            JsonNode key = result.body() == null ? null : result.body().get("apiKey");
            current.get().flash(Flash.once(text, key == null ? "" : key.asText()));
            return redirect(htmx, next);
        }).onFailure(ApiCallException.class).recoverWithItem(e -> {
            current.get().flash(Flash.error(((ApiCallException) e).userMessage()));
            return redirect(htmx, next);
        });
    }

    public Response redirect(ContainerRequestContext request, String path) {
        return redirect(request.getHeaderString("HX-Request") != null, path);
    }

    public Response redirect(boolean htmx, String path) {
        if (htmx) {
            return Response.ok().header("HX-Redirect", path).build();
        }
        return Response.seeOther(URI.create(path)).build();
    }

    /** A refused request: the reason on an error page. */
    public Response forbidden(String reason) {
        return error(403, "Refused", reason);
    }

    public Response error(int status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(pages.instance("error", Map.of("title", title, "message", message, "status", status,
                        "nav", pages.bareNav(current.get()))).render())
                .build();
    }
}
