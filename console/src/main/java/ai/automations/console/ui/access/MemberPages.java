package ai.automations.console.ui.access;

import java.util.List;

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

/** An entity's members and their roles; new users (the bootstrap admin only), whose first key is shown once. */
@Path("/entities/{entity}/members")
@ConsolePage
@Produces(MediaType.TEXT_HTML)
public class MemberPages {

    private final ApiClient api;
    private final Pages pages;
    private final Responses responses;
    private final CurrentSession current;

    public MemberPages(ApiClient api, Pages pages, Responses responses, CurrentSession current) {
        this.api = api;
        this.pages = pages;
        this.responses = responses;
        this.current = current;
    }

    @GET
        public Uni<TemplateInstance> members(@PathParam("entity") String entity) {
        return api.getList(current.apiKey(), Service.REGISTRY, ApiPath.of("entities", entity, "members") + "?limit=200")
                .flatMap(members -> pages.render("members", entity, "members", Model.of("members", members,
                        "roles", List.of("VIEWER", "MEMBER", "ADMIN"))));
    }

    @POST
        public Uni<Response> addMember(@PathParam("entity") String entity, @RestForm String user, @RestForm String role,
            @Context HttpHeaders headers) {
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.POST,
                ApiPath.of("entities", entity, "members"), Model.of("user", Forms.text(user), "role", role)),
                "'" + Forms.text(user) + "' is now " + role + " of " + entity + ".", membersPage(entity), headers);
    }

    @POST
    @Path("{user}/remove")
    public Uni<Response> removeMember(@PathParam("entity") String entity, @PathParam("user") String user,
            @Context HttpHeaders headers) {
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.DELETE,
                ApiPath.of("entities", entity, "members", user), null), "Removed '" + user + "' from " + entity + ".",
                membersPage(entity), headers);
    }

    /** Bootstrap admin only (the API refuses others): a user and its first key, shown once. */
    @POST
    @Path("users")
    public Uni<Response> createUser(@PathParam("entity") String entity, @RestForm String name,
            @Context HttpHeaders headers) {
        return responses.changeShowingKey(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.POST,
                ApiPath.of("users"),
                Model.of("name", Forms.text(name))), "User '" + Forms.text(name) + "' created. Their API key, shown "
                        + "only now:", membersPage(entity), headers);
    }

    private static String membersPage(String entity) {
        return "/entities/" + ApiPath.encode(entity) + "/members";
    }
}
