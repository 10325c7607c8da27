package ai.automations.console.ui.entity;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import ai.automations.console.ui.web.Model;
import ai.automations.console.ui.web.Pages;
import ai.automations.console.ui.web.Responses;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/** The entities the user belongs to, creating one, and switching between them. */
@Path("/entities")
@ConsolePage
@Produces(MediaType.TEXT_HTML)
public class EntityPages {

    private final ApiClient api;
    private final Pages pages;
    private final Responses responses;
    private final CurrentSession current;

    public EntityPages(ApiClient api, Pages pages, Responses responses, CurrentSession current) {
        this.api = api;
        this.pages = pages;
        this.responses = responses;
        this.current = current;
    }

    @GET
    public Uni<TemplateInstance> list() {
        return pages.render("entities", null, "entities", Model.of());
    }

    @POST
    public Uni<Response> create(@RestForm String name, @Context HttpHeaders headers) {
        String entity = name == null ? "" : name.strip();
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.POST, ApiPath.of("entities"),
                Map.of("name", entity)), "Entity '" + entity + "' created; you are its ADMIN.",
                "/entities/" + ApiPath.encode(entity) + "/registries", "/entities", headers);
    }

    /** The entity switcher's target (a GET form, so it works from any page). */
    @GET
    @Path("switch")
    public Response switchTo(@QueryParam("entity") String entity) {
        return Response.seeOther(URI.create(entity == null || entity.isBlank() ? "/entities"
                : "/entities/" + ApiPath.encode(entity) + "/registries")).build();
    }

    @GET
    @Path("{entity}")
    public Response entity(@PathParam("entity") String entity) {
        return Response.seeOther(URI.create("/entities/" + ApiPath.encode(entity) + "/registries")).build();
    }
}
