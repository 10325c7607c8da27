package ai.automations.registry.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An HTTP double of secrets-service's internal "does this secret exist" and "resolve" endpoints: every secret is
 * missing (404, no value) until a test declares it with {@link #secretExists} or {@link #secretValue}. It answers only calls that carry registry-service's token.
 */
public class SecretsDouble implements QuarkusTestResourceLifecycleManager {

    /** registry-service's service token in the test profile. */
    public static final String REGISTRY_TOKEN = "local-registry-service-token";

    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlMatching("/internal/v1/entities/[^/]+/secrets/[^/]+")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"NOT_FOUND\",\"message\":\"no such secret\"}")));
        server.stubFor(get(urlMatching("/internal/v1/.*")).atPriority(1)
                .withHeader("Authorization", notContaining(
                        REGISTRY_TOKEN))
                .willReturn(aResponse().withStatus(401)));
        server.stubFor(post(urlMatching("/internal/v1/entities/[^/]+/secrets/resolve")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"values\":{},\"missing\":[]}")));
        return Map.of("quarkus.rest-client.secrets.url", server.baseUrl());
    }

    /** Makes secret {@code name} of {@code entity} exist. */
    public static void secretExists(String entity, String name) {
        server.stubFor(get(urlEqualTo("/internal/v1/entities/" + entity + "/secrets/" + name)).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + REGISTRY_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"name\":\"" + name + "\",\"version\":1}")));
    }

    /**
     * Gives secret {@code name} of {@code entity} a value on the internal resolve endpoint (for sources' signing
     * secrets); every other name of the entity is missing.
     */
    public static void secretValue(String entity, String name, String value) {
        secretExists(entity, name);
        server.stubFor(post(urlEqualTo("/internal/v1/entities/" + entity + "/secrets/resolve")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + REGISTRY_TOKEN))
                .withRequestBody(matchingJsonPath("$.names[0]", equalTo(name)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("Cache-Control", "no-store")
                        .withBody("{\"values\":{\"" + name + "\":\"" + value + "\"},\"missing\":[]}")));
    }

    public static WireMockServer server() {
        return server;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
