package ai.automations.common.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import ai.automations.common.auth.Role;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An HTTP double of registry-service's internal API for tests of the other services on their own: it answers API key
 * introspection for the keys below (and 401 for any other), and tests may stub more of it through an
 * {@link InjectRegistryDouble} field. Cross-service behaviour is tested against the real services in the e2e module.
 */
public class RegistryDouble implements QuarkusTestResourceLifecycleManager {

    /** A key of the global (bootstrap) admin. */
    public static final String ADMIN_KEY = "test-admin-key";
    /** Entities for which {@link #keyFor} keys exist. */
    public static final List<String> ENTITIES = List.of("acme", "globex");

    private WireMockServer server;

    /** A key whose user holds {@code role} in {@code entity} and nothing elsewhere. */
    public static String keyFor(Role role, String entity) {
        return "test-" + role.name().toLowerCase() + "-" + entity;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo("/internal/v1/auth/introspect")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"UNAUTHORIZED\",\"message\":\"unknown key\"}")));
        stubCaller(ADMIN_KEY, "{\"userId\":\"u-admin\",\"name\":\"admin\",\"admin\":true,\"roles\":{}}");
        for (String entity : ENTITIES) {
            for (Role role : Role.values()) {
                String user = role.name().toLowerCase() + "-" + entity;
                stubCaller(keyFor(role, entity), "{\"userId\":\"u-" + user + "\",\"name\":\"" + user
                        + "\",\"admin\":false,\"roles\":{\"" + entity + "\":\"" + role + "\"}}");
            }
        }
        return Map.of("quarkus.rest-client.registry.url", server.baseUrl());
    }

    private void stubCaller(String key, String callerJson) {
        server.stubFor(post(urlEqualTo("/internal/v1/auth/introspect")).atPriority(1)
                .withHeader("Authorization", containing("Bearer "))
                .withRequestBody(containing("\"" + key + "\""))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(callerJson)));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectRegistryDouble.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

}
