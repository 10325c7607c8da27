package ai.automations.console.ui.integration;

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
 * An entity's webhook and Slack integrations: create (a webhook with its signature format, Standard Webhooks or
 * W&B's, and whether it passes the trace context on), delete, and a Test button showing status, body, duration.
 */
@Path("/entities/{entity}/integrations")
@ConsolePage
@Produces(MediaType.TEXT_HTML)
public class IntegrationPages {

    private final ApiClient api;
    private final Pages pages;
    private final Responses responses;
    private final CurrentSession current;

    public IntegrationPages(ApiClient api, Pages pages, Responses responses, CurrentSession current) {
        this.api = api;
        this.pages = pages;
        this.responses = responses;
        this.current = current;
    }

    @GET
    public Uni<TemplateInstance> list(@PathParam("entity") String entity) {
        String key = current.apiKey();
        return api.getList(key, Service.REGISTRY, ApiPath.of("entities", entity, "integrations") + "?limit=200")
                .flatMap(integrations -> api.getList(key, Service.SECRETS, ApiPath.of("entities", entity, "secrets"))
                        .onFailure(ApiCallException.class).recoverWithItem(List.of())
                        .flatMap(secrets -> pages.render("integrations", entity, "integrations",
                                Model.of("integrations", integrations, "secrets", secrets))));
    }

    @POST
    public Uni<Response> create(@PathParam("entity") String entity, @RestForm String kind, @RestForm String name,
            @RestForm String url, @RestForm String accessTokenSecret, @RestForm String signingSecret,
            @RestForm String channel, @RestForm String webhookUrlSecret, @RestForm String botTokenSecret,
            @RestForm String apiBaseUrl, @RestForm String signatureFormat, @RestForm String sendTraceparent,
            @Context HttpHeaders headers) {
        Map<String, Object> body = "slack".equals(kind)
                ? Model.of("kind", "slack", "name", Forms.text(name), "channel", Forms.text(channel),
                        "webhookUrlSecret", Forms.text(webhookUrlSecret), "botTokenSecret", Forms.text(botTokenSecret),
                        "apiBaseUrl", Forms.text(apiBaseUrl))
                : Model.of("kind", "webhook", "name", Forms.text(name), "url", Forms.text(url),
                        "accessTokenSecret", Forms.text(accessTokenSecret), "signingSecret", Forms.text(signingSecret),
                        "signatureFormat", Forms.text(signatureFormat),
                        "sendTraceparent", "true".equals(sendTraceparent) ? Boolean.TRUE : null);
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.POST,
                ApiPath.of("entities", entity, "integrations"), body),
                "Integration '" + Forms.text(name) + "' created.", page(entity), headers);
    }

    @POST
    @Path("{name}/delete")
    public Uni<Response> delete(@PathParam("entity") String entity, @PathParam("name") String name,
            @Context HttpHeaders headers) {
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.DELETE,
                ApiPath.of("entities", entity, "integrations", name), null), "Integration '" + name + "' deleted.",
                page(entity), headers);
    }

    /** The Test button: an htmx fragment with the receiver's answer (or the API's refusal). */
    @POST
    @Path("{name}/test")
    public Uni<TemplateInstance> test(@PathParam("entity") String entity, @PathParam("name") String name) {
        return api.send(current.apiKey(), Service.ACTION, HttpMethod.POST,
                ApiPath.of("entities", entity, "integrations", name, "test"), Map.of())
                .map(result -> pages.instance("integration-test", Model.of("name", name,
                        "result", api.asMap(result.body()))))
                .onFailure(ApiCallException.class).recoverWithItem(e -> pages.instance("integration-test",
                        Model.of("name", name, "error", ((ApiCallException) e).userMessage())));
    }

    private static String page(String entity) {
        return "/entities/" + ApiPath.encode(entity) + "/integrations";
    }
}
