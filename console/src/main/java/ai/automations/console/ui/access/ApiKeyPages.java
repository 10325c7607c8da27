package ai.automations.console.ui.access;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import ai.automations.console.ui.api.ApiClient;
import ai.automations.console.ui.api.ApiPath;
import ai.automations.console.ui.api.Service;
import ai.automations.console.ui.web.ConsolePage;
import ai.automations.console.ui.web.CurrentSession;
import ai.automations.console.ui.web.Forms;
import ai.automations.console.ui.web.Model;
import ai.automations.console.ui.web.Pages;
import ai.automations.console.ui.web.Responses;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/** The signed-in user's own API keys: a new one is shown exactly once, on the page right after it was made. */
@Path("/api-keys")
@ConsolePage
@Produces(MediaType.TEXT_HTML)
public class ApiKeyPages {

    private final ApiClient api;
    private final Pages pages;
    private final Responses responses;
    private final CurrentSession current;

    public ApiKeyPages(ApiClient api, Pages pages, Responses responses, CurrentSession current) {
        this.api = api;
        this.pages = pages;
        this.responses = responses;
        this.current = current;
    }

    @GET
    public Uni<TemplateInstance> apiKeys() {
        return api.getList(current.apiKey(), Service.REGISTRY, ApiPath.of("api-keys"))
                .flatMap(keys -> pages.render("api-keys", null, "api-keys", Model.of("keys", keys)));
    }

    @POST
    public Uni<Response> createKey(@RestForm String description, @Context HttpHeaders headers) {
        return responses.changeShowingKey(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.POST,
                ApiPath.of("api-keys"),
                Model.of("description", Forms.text(description))), "New API key, shown only now: copy it.",
                "/api-keys", headers);
    }

    @POST
    @Path("{id}/revoke")
    public Uni<Response> revokeKey(@PathParam("id") String id, @Context HttpHeaders headers) {
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.DELETE,
                ApiPath.of("api-keys", id), null), "API key revoked.", "/api-keys", headers);
    }
}
