package ai.automations.action.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import ai.automations.common.automation.AutomationDefinition;

/** Stubs of registry-service's internal answers about automations and integrations. */
public final class RegistryStubs {

    private RegistryStubs() {
    }

    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static void automation(WireMockServer registry, AutomationDefinition automation, boolean enabled) {
        String body = Fixtures.write(new AutomationDefinition(automation.id(), automation.entity(), automation.name(),
                automation.description(), enabled, automation.scope(), automation.event(), automation.action(),
                automation.createdBy(), automation.createdAt(), automation.updatedAt()));
        registry.stubFor(get(urlEqualTo("/internal/v1/automations/" + automation.id()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    public static void automationDeleted(WireMockServer registry, String automationId) {
        registry.stubFor(get(urlEqualTo("/internal/v1/automations/" + automationId)).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"NOT_FOUND\",\"message\":\"No such automation.\"}")));
    }

    public static void webhookIntegration(WireMockServer registry, String entity, String name, String url,
            String accessTokenSecret, String signingSecret) {
        Map<String, Object> integration = new LinkedHashMap<>();
        integration.put("entity", entity);
        integration.put("name", name);
        integration.put("kind", "webhook");
        integration.put("url", url);
        integration.put("accessTokenSecret", accessTokenSecret);
        integration.put("signingSecret", signingSecret);
        integration.put("disabled", false);
        integration(registry, entity, name, integration);
    }

    /** A webhook integration that signs in {@code signatureFormat} ({@code wandb} or {@code standard-webhooks}). */
    public static void webhookIntegration(WireMockServer registry, String entity, String name, String url,
            String accessTokenSecret, String signingSecret, String signatureFormat) {
        Map<String, Object> integration = new LinkedHashMap<>();
        integration.put("entity", entity);
        integration.put("name", name);
        integration.put("kind", "webhook");
        integration.put("url", url);
        integration.put("accessTokenSecret", accessTokenSecret);
        integration.put("signingSecret", signingSecret);
        integration.put("signatureFormat", signatureFormat);
        integration.put("disabled", false);
        integration(registry, entity, name, integration);
    }

    public static void slackIntegration(WireMockServer registry, String entity, String name, String channel,
            String webhookUrlSecret, String botTokenSecret, String apiBaseUrl) {
        Map<String, Object> integration = new LinkedHashMap<>();
        integration.put("entity", entity);
        integration.put("name", name);
        integration.put("kind", "slack");
        integration.put("channel", channel);
        integration.put("webhookUrlSecret", webhookUrlSecret);
        integration.put("botTokenSecret", botTokenSecret);
        integration.put("apiBaseUrl", apiBaseUrl);
        integration.put("disabled", false);
        integration(registry, entity, name, integration);
    }

    public static void integration(WireMockServer registry, String entity, String name, Map<String, Object> integration) {
        registry.stubFor(get(urlEqualTo("/internal/v1/entities/" + encode(entity) + "/integrations/" + encode(name)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.write(integration))));
        registry.stubFor(post(urlEqualTo("/internal/v1/entities/" + encode(entity) + "/integrations/" + encode(name)
                + "/disable")).willReturn(aResponse().withStatus(204)));
    }
}
