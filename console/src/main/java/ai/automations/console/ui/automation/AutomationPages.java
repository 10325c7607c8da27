package ai.automations.console.ui.automation;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BeanParam;
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

/**
 * An entity's automations (optionally of one project, registry or collection) with their last execution, filter and
 * rate limit; the create/edit form for every scope, event, filter ({@code where} included), action and rate limit;
 * enable/disable and delete. An edit keeps every field of the stored automation the form does not show.
 */
@Path("/entities/{entity}/automations")
@ConsolePage
@Produces(MediaType.TEXT_HTML)
public class AutomationPages {

    private final ApiClient api;
    private final Pages pages;
    private final Responses responses;
    private final CurrentSession current;
    private final ObjectMapper json;

    public AutomationPages(ApiClient api, Pages pages, Responses responses, CurrentSession current,
            ObjectMapper json) {
        this.api = api;
        this.pages = pages;
        this.responses = responses;
        this.current = current;
        this.json = json;
    }

    @GET
    public Uni<TemplateInstance> list(@PathParam("entity") String entity, @QueryParam("scopeType") String scopeType,
            @QueryParam("project") String project, @QueryParam("registry") String registry,
            @QueryParam("collection") String collection) {
        String key = current.apiKey();
        String query = query("scopeType", scopeType, "project", project, "registry", registry, "collection",
                collection);
        return api.getList(key, Service.REGISTRY, ApiPath.of("entities", entity, "automations") + "?limit=200" + query)
                .flatMap(automations -> withLastExecution(entity, automations))
                .flatMap(rows -> pages.render("automations", entity, "automations", Model.of("rows", rows,
                        "scopeType", scopeType, "project", project, "registry", registry, "collection", collection,
                        "newQuery", query.isEmpty() ? "" : "?" + query.substring(1))));
    }

    @GET
    @Path("new")
    public Uni<TemplateInstance> newForm(@PathParam("entity") String entity, @QueryParam("scopeType") String scopeType,
            @QueryParam("project") String project, @QueryParam("registry") String registry,
            @QueryParam("collection") String collection) {
        return form(entity, null, AutomationForm.blank(scopeType, project, registry, collection), null);
    }

    @POST
    public Uni<Response> create(@PathParam("entity") String entity, @BeanParam AutomationForm form,
            @Context HttpHeaders headers) {
        return save(entity, null, form, headers);
    }

    @GET
    @Path("{id}/edit")
    public Uni<TemplateInstance> editForm(@PathParam("entity") String entity, @PathParam("id") String id) {
        return api.getObject(current.apiKey(), Service.REGISTRY, ApiPath.of("entities", entity, "automations", id))
                .flatMap(a -> form(entity, id, AutomationForm.of(a, json), null));
    }

    @POST
    @Path("{id}")
    public Uni<Response> update(@PathParam("entity") String entity, @PathParam("id") String id,
            @BeanParam AutomationForm form, @Context HttpHeaders headers) {
        return save(entity, id, form, headers);
    }

    @POST
    @Path("{id}/enabled")
    public Uni<Response> toggle(@PathParam("entity") String entity, @PathParam("id") String id,
            @RestForm boolean enabled, @Context HttpHeaders headers) {
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.PATCH,
                ApiPath.of("entities", entity, "automations", id), Map.of("enabled", enabled)),
                enabled ? "Automation enabled." : "Automation disabled.", page(entity), headers);
    }

    @POST
    @Path("{id}/delete")
    public Uni<Response> delete(@PathParam("entity") String entity, @PathParam("id") String id,
            @Context HttpHeaders headers) {
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.DELETE,
                ApiPath.of("entities", entity, "automations", id), null), "Automation deleted.", page(entity),
                headers);
    }

    /**
     * Live preview: a dry-run of the saved automation against the event a chosen real version would produce; an
     * htmx fragment with whether it matched, why, and the payload it would send (secrets as ***).
     */
    @POST
    @Path("{id}/preview")
    public Uni<TemplateInstance> preview(@PathParam("entity") String entity, @PathParam("id") String id,
            @RestForm String eventType, @RestForm String collectionIn, @RestForm String owner,
            @RestForm String previewCollection, @RestForm String version, @RestForm String alias,
            @RestForm String tag) {
        String key = current.apiKey();
        String kind = "projects".equals(collectionIn) ? "projects" : "registries";
        String collectionPath = ApiPath.of("entities", entity, kind, Forms.text(owner) == null ? "" : owner.strip(),
                "collections", Forms.text(previewCollection) == null ? "" : previewCollection.strip());
        String versionName = Forms.text(version) == null ? "latest" : version.strip();
        return api.getObject(key, Service.REGISTRY, collectionPath)
                .flatMap(collection -> api.getObject(key, Service.REGISTRY,
                        collectionPath + "/versions/" + ApiPath.encode(versionName))
                        .map(v -> PreviewEvents.artifactEvent(eventType, v, collection, alias, tag)))
                .flatMap(event -> api.send(key, Service.TRIGGER, HttpMethod.POST,
                        ApiPath.of("entities", entity, "automations", id, "dry-run"), Map.of("event", event))
                        .map(result -> pages.instance("preview", Model.of("result", api.asMap(result.body()),
                                "event", event))))
                .onFailure(ApiCallException.class).recoverWithItem(e -> pages.instance("preview",
                        Model.of("error", ((ApiCallException) e).userMessage())));
    }

    private Uni<Response> save(String entity, String id, AutomationForm form, HttpHeaders headers) {
        Map<String, Object> body;
        try {
            body = form.toRequest(json);
        } catch (ApiCallException e) {
            return formResponse(entity, id, form, e);
        }
        String key = current.apiKey();
        String path = ApiPath.of("entities", entity, "automations");
        Uni<?> call = id == null
                ? api.send(key, Service.REGISTRY, HttpMethod.POST, path, body)
                : api.getObject(key, Service.REGISTRY, ApiPath.of("entities", entity, "automations", id))
                        .flatMap(stored -> api.send(key, Service.REGISTRY, HttpMethod.PUT,
                                ApiPath.of("entities", entity, "automations", id),
                                EditMerge.keepUnknown(stored, body)));
        String done = id == null ? "Automation '" + form.name + "' created." : "Automation '" + form.name + "' saved.";
        return call.flatMap(ok -> responses.change(Uni.createFrom().item(ok), done, page(entity), headers))
                .onFailure(ApiCallException.class)
                .recoverWithUni(e -> formResponse(entity, id, form, (ApiCallException) e));
    }

    /** The form again with what the user typed and the API's refusal next to its field: nothing typed is lost. */
    private Uni<Response> formResponse(String entity, String id, AutomationForm form, ApiCallException refusal) {
        FormError error = new FormError(refusal.userMessage(), refusal.field());
        return form(entity, id, form, error).map(page -> Response.ok(page.render(),
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build());
    }

    private Uni<TemplateInstance> form(String entity, String id, AutomationForm form, FormError error) {
        return api.getList(current.apiKey(), Service.REGISTRY, ApiPath.of("entities", entity, "integrations")
                + "?limit=200")
                .flatMap(integrations -> pages.render("automation-form", entity, "automations", Model.of(
                        "id", id, "form", form, "error", error, "integrations", integrations,
                        "variables", PayloadVariables.ALL, "opts", FormOptions.CONTRACT)));
    }

    private Uni<List<AutomationRow>> withLastExecution(String entity, List<Map<String, Object>> automations) {
        if (automations.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<AutomationRow>> rows = automations.stream().map(a -> api.getList(current.apiKey(), Service.ACTION,
                ApiPath.of("entities", entity, "automations", a.get("id"), "executions") + "?limit=1")
                .map(executions -> new AutomationRow(a, executions.isEmpty() ? null : executions.get(0)))
                .onFailure().recoverWithItem(new AutomationRow(a, null))).toList();
        return Uni.join().all(rows).andFailFast();
    }

    private static String query(String... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null && !namesAndValues[i + 1].isBlank()) {
                query.append('&').append(namesAndValues[i]).append('=').append(ApiPath.encode(namesAndValues[i + 1]));
            }
        }
        return query.toString();
    }

    private static String page(String entity) {
        return "/entities/" + ApiPath.encode(entity) + "/automations";
    }
}
