package ai.automations.console.ui.project;

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

import com.fasterxml.jackson.databind.ObjectMapper;

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

/** An entity's projects: their collections, logging an artifact, runs with their state and metric charts. */
@Path("/entities/{entity}/projects")
@ConsolePage
@Produces(MediaType.TEXT_HTML)
public class ProjectPages {

    private final ApiClient api;
    private final Pages pages;
    private final Responses responses;
    private final CurrentSession current;
    private final ObjectMapper json;

    public ProjectPages(ApiClient api, Pages pages, Responses responses, CurrentSession current,
            ObjectMapper json) {
        this.api = api;
        this.pages = pages;
        this.responses = responses;
        this.current = current;
        this.json = json;
    }

    @GET
    public Uni<TemplateInstance> list(@PathParam("entity") String entity) {
        return api.getList(current.apiKey(), Service.REGISTRY,
                ApiPath.of("entities", entity, "projects") + "?limit=200")
                .flatMap(projects -> pages.render("projects", entity, "projects", Model.of("projects", projects)));
    }

    @POST
    public Uni<Response> create(@PathParam("entity") String entity, @RestForm String name,
            @Context HttpHeaders headers) {
        String project = name == null ? "" : name.strip();
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.POST,
                ApiPath.of("entities", entity, "projects"), Map.of("name", project)),
                "Project '" + project + "' created.", page(entity) + "/" + ApiPath.encode(project), page(entity),
                headers);
    }

    @GET
    @Path("{project}")
    public Uni<TemplateInstance> project(@PathParam("entity") String entity, @PathParam("project") String project) {
        String key = current.apiKey();
        return api.getList(key, Service.REGISTRY,
                ApiPath.of("entities", entity, "projects", project, "collections") + "?limit=200")
                .flatMap(collections -> api.getList(key, Service.REGISTRY,
                        ApiPath.of("entities", entity, "projects", project, "runs") + "?limit=200")
                        .flatMap(runs -> pages.render("project", entity, "projects",
                                Model.of("project", project, "collections", collections, "runs", runs))));
    }

    /** Logs an artifact version (what an SDK does), with metadata given as a JSON object. */
    @POST
    @Path("{project}/artifacts")
    public Uni<Response> logArtifact(@PathParam("entity") String entity, @PathParam("project") String project,
            @RestForm String collection, @RestForm String type, @RestForm String metadata, @RestForm String aliases,
            @RestForm String tags, @Context HttpHeaders headers) {
        String back = page(entity) + "/" + ApiPath.encode(project);
        Object meta;
        try {
            meta = Forms.text(metadata) == null ? null : json.readTree(metadata);
        } catch (Exception e) {
            return responses.change(Uni.createFrom().failure(new ApiCallException(400, "BAD_REQUEST",
                    "Metadata must be a JSON object.", "metadata")), "", back, headers);
        }
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.POST,
                ApiPath.of("entities", entity, "projects", project, "artifacts"),
                Model.of("collection", Forms.text(collection), "type", Forms.text(type), "metadata", meta,
                        "aliases", Forms.list(aliases), "tags", Forms.list(tags))),
                "Artifact version logged.", back, headers);
    }

    @GET
    @Path("{project}/runs/{run}")
    public Uni<TemplateInstance> run(@PathParam("entity") String entity, @PathParam("project") String project,
            @PathParam("run") String run) {
        String key = current.apiKey();
        String path = ApiPath.of("entities", entity, "projects", project, "runs", run);
        return Uni.combine().all().unis(api.getObject(key, Service.REGISTRY, path),
                api.get(key, Service.REGISTRY, path + "/metrics"),
                api.get(key, Service.REGISTRY, path + "/history?limit=" + RunCharts.POINTS_PER_CHART)).asTuple()
                .flatMap(t -> pages.render("run", entity, "projects", Model.of("project", project, "run", t.getItem1(),
                        "charts", RunCharts.of(t.getItem2().body(), t.getItem3().body(), json))));
    }

    private static String page(String entity) {
        return "/entities/" + ApiPath.encode(entity) + "/projects";
    }
}
