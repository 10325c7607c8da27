package ai.automations.console.ui.registry;

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

/** An entity's registries and their collections (a collection's own pages: {@link CollectionPages}). */
@Path("/entities/{entity}/registries")
@ConsolePage
@Produces(MediaType.TEXT_HTML)
public class RegistryPages {

    private final ApiClient api;
    private final Pages pages;
    private final Responses responses;
    private final CurrentSession current;

    public RegistryPages(ApiClient api, Pages pages, Responses responses, CurrentSession current) {
        this.api = api;
        this.pages = pages;
        this.responses = responses;
        this.current = current;
    }

    @GET
    public Uni<TemplateInstance> list(@PathParam("entity") String entity) {
        return api.getList(current.apiKey(), Service.REGISTRY,
                ApiPath.of("entities", entity, "registries") + "?limit=200")
                .flatMap(registries -> pages.render("registries", entity, "registries",
                        Model.of("registries", registries)));
    }

    @POST
    public Uni<Response> create(@PathParam("entity") String entity, @RestForm String name,
            @RestForm String description, @Context HttpHeaders headers) {
        String registry = name == null ? "" : name.strip();
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.POST,
                ApiPath.of("entities", entity, "registries"),
                Model.of("name", registry, "description", Forms.text(description))),
                "Registry '" + registry + "' created.", page(entity) + "/" + ApiPath.encode(registry), page(entity),
                headers);
    }

    @GET
    @Path("{registry}")
    public Uni<TemplateInstance> registry(@PathParam("entity") String entity, @PathParam("registry") String registry) {
        String key = current.apiKey();
        return api.getObject(key, Service.REGISTRY, ApiPath.of("entities", entity, "registries", registry))
                .flatMap(r -> api.getList(key, Service.REGISTRY,
                        ApiPath.of("entities", entity, "registries", registry, "collections") + "?limit=200")
                        .flatMap(collections -> pages.render("registry", entity, "registries",
                                Model.of("registry", r, "collections", collections))));
    }

    @POST
    @Path("{registry}/collections")
    public Uni<Response> createCollection(@PathParam("entity") String entity, @PathParam("registry") String registry,
            @RestForm String name, @RestForm String type, @RestForm String description, @RestForm String tags,
            @Context HttpHeaders headers) {
        String collection = name == null ? "" : name.strip();
        CollectionRef ref = new CollectionRef(entity, "registries", registry, collection);
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.POST,
                ApiPath.of("entities", entity, "registries", registry, "collections"),
                Model.of("name", collection, "type", Forms.text(type), "description", Forms.text(description),
                        "tags", Forms.list(tags))),
                "Collection '" + collection + "' created.", ref.page(),
                page(entity) + "/" + ApiPath.encode(registry), headers);
    }

    private static String page(String entity) {
        return "/entities/" + ApiPath.encode(entity) + "/registries";
    }
}
