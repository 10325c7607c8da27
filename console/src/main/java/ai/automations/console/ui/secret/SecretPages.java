package ai.automations.console.ui.secret;

import java.util.List;
import java.util.Map;

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

import ai.automations.console.ui.api.ApiCallException;
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

/**
 * Team secrets: names and versions only. A value goes from the form to secrets-service and is never rendered, echoed
 * or kept by the console (fields are password inputs, empty on every page). The audit log below.
 */
@Path("/entities/{entity}/secrets")
@ConsolePage
@Produces(MediaType.TEXT_HTML)
public class SecretPages {

    private final ApiClient api;
    private final Pages pages;
    private final Responses responses;
    private final CurrentSession current;

    public SecretPages(ApiClient api, Pages pages, Responses responses, CurrentSession current) {
        this.api = api;
        this.pages = pages;
        this.responses = responses;
        this.current = current;
    }

    @GET
    public Uni<TemplateInstance> list(@PathParam("entity") String entity) {
        String key = current.apiKey();
        return api.getList(key, Service.SECRETS, ApiPath.of("entities", entity, "secrets"))
                .flatMap(secrets -> api.getObject(key, Service.SECRETS, ApiPath.of("entities", entity, "secrets",
                        "audit") + "?size=50")
                        .onFailure(ApiCallException.class).recoverWithItem(Map.of())
                        .flatMap(audit -> pages.render("secrets", entity, "secrets", Model.of("secrets", secrets,
                                "audit", audit.getOrDefault("items", List.of())))));
    }

    @POST
    public Uni<Response> create(@PathParam("entity") String entity, @RestForm String name, @RestForm String value,
            @Context HttpHeaders headers) {
        return responses.change(api.send(current.apiKey(), Service.SECRETS, HttpMethod.POST,
                ApiPath.of("entities", entity, "secrets"), Model.of("name", Forms.text(name), "value", value)),
                "Secret '" + Forms.text(name) + "' created.", page(entity), headers);
    }

    @POST
    @Path("{name}/rotate")
    public Uni<Response> rotate(@PathParam("entity") String entity, @PathParam("name") String name,
            @RestForm String value, @Context HttpHeaders headers) {
        return responses.change(api.send(current.apiKey(), Service.SECRETS, HttpMethod.PUT,
                ApiPath.of("entities", entity, "secrets", name), Model.of("value", value)),
                "Secret '" + name + "' rotated.", page(entity), headers);
    }

    @POST
    @Path("{name}/delete")
    public Uni<Response> delete(@PathParam("entity") String entity, @PathParam("name") String name,
            @Context HttpHeaders headers) {
        return responses.change(api.send(current.apiKey(), Service.SECRETS, HttpMethod.DELETE,
                ApiPath.of("entities", entity, "secrets", name), null), "Secret '" + name + "' deleted.",
                page(entity), headers);
    }

    private static String page(String entity) {
        return "/entities/" + ApiPath.encode(entity) + "/secrets";
    }
}
