package ai.automations.console.ui.execution;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

/**
 * Executions across all automations of an entity, newest first, filtered by status and automation; each with its
 * attempts, its redacted request and the receiver's response, and a Redeliver button.
 */
@Path("/entities/{entity}/executions")
@ConsolePage
@Produces(MediaType.TEXT_HTML)
public class ExecutionPages {

    /** Executions read per automation for the entity-wide list. */
    private static final int PER_AUTOMATION = 50;

    private final ApiClient api;
    private final Pages pages;
    private final Responses responses;
    private final CurrentSession current;

    public ExecutionPages(ApiClient api, Pages pages, Responses responses, CurrentSession current) {
        this.api = api;
        this.pages = pages;
        this.responses = responses;
        this.current = current;
    }

    @GET
    public Uni<TemplateInstance> list(@PathParam("entity") String entity, @QueryParam("status") String status,
            @QueryParam("automation") String automation) {
        String key = current.apiKey();
        return api.getList(key, Service.REGISTRY, ApiPath.of("entities", entity, "automations") + "?limit=200")
                .flatMap(automations -> {
                    List<Uni<List<Map<String, Object>>>> reads = automations.stream()
                            .filter(a -> blank(automation) || automation.equals(a.get("id")))
                            .map(a -> api.getList(key, Service.ACTION, ApiPath.of("entities", entity, "automations",
                                    a.get("id"), "executions") + "?limit=" + PER_AUTOMATION))
                            .toList();
                    Uni<List<Map<String, Object>>> all = reads.isEmpty() ? Uni.createFrom().item(List.of())
                            : Uni.join().all(reads).andFailFast().map(lists -> lists.stream()
                                    .flatMap(List::stream)
                                    .filter(e -> blank(status) || status.equals(e.get("status")))
                                    .sorted(Comparator.comparing((Map<String, Object> e) ->
                                            Objects.toString(e.get("createdAt"), "")).reversed())
                                    .toList());
                    return all.flatMap(executions -> pages.render("executions", entity, "executions", Model.of(
                            "executions", executions, "automations", automations, "status", status,
                            "automation", automation,
                            "statuses", List.of("PENDING", "FINISHED", "FAILED", "SKIPPED"))));
                });
    }

    @POST
    @Path("{id}/redeliver")
    public Uni<Response> redeliver(@PathParam("entity") String entity, @PathParam("id") String id,
            @Context HttpHeaders headers) {
        return responses.change(api.send(current.apiKey(), Service.ACTION, HttpMethod.POST,
                ApiPath.of("executions", id, "redeliver"), null), "Redelivery queued: a new attempt with the same "
                        + "webhook-id.", "/entities/" + ApiPath.encode(entity) + "/executions", headers);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
