package ai.automations.action.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.NewTopic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import ai.automations.common.testing.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock double of secrets-service's internal resolve endpoint, answering from an in-memory store that tests fill
 * with {@link #put}. It checks the service token and counts resolve calls; it also makes sure the secret-change topic
 * exists on the test broker.
 */
public class SecretsDouble implements QuarkusTestResourceLifecycleManager {

    public static final String CHANGES_TOPIC = "automation.secrets.changes";
    public static final String SERVICE_TOKEN = "local-action-service-token";

    private static final Map<String, String> STORE = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static volatile WireMockServer server;

    public static void put(String entity, String name, String value) {
        STORE.put(entity + "/" + name, value);
    }

    public static void remove(String entity, String name) {
        STORE.remove(entity + "/" + name);
    }

    /** How many resolve calls asked for this secret. */
    public static int resolveCalls(String entity, String name) {
        AtomicInteger calls = CALLS.get(entity + "/" + name);
        return calls == null ? 0 : calls.get();
    }

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        KafkaBroker.shared().createTopics(List.of(new NewTopic(CHANGES_TOPIC, 4, (short) 1)));
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(new Store()));
        server.start();
        server.stubFor(post(urlPathMatching("/internal/v1/entities/[^/]+/secrets/resolve"))
                .willReturn(aResponse().withTransformers(Store.NAME)));
        return Map.of("quarkus.rest-client.secrets.url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Answers a resolve request from the store, like secrets-service would. */
    static final class Store implements ResponseDefinitionTransformerV2 {
        static final String NAME = "secret-store";
        private final ObjectMapper json = new ObjectMapper();

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String auth = event.getRequest().getHeader("Authorization");
            if (!("Bearer " + SERVICE_TOKEN).equals(auth)) {
                return json(401, "{\"error\":\"UNAUTHORIZED\",\"message\":\"service token\"}");
            }
            String path = event.getRequest().getUrl();
            String entity = path.split("/")[4];
            try {
                JsonNode body = json.readTree(event.getRequest().getBodyAsString());
                Map<String, String> values = new LinkedHashMap<>();
                List<String> missing = new ArrayList<>();
                for (JsonNode name : body.path("names")) {
                    String key = entity + "/" + name.asText();
                    CALLS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    String value = STORE.get(key);
                    if (value == null) {
                        missing.add(name.asText());
                    } else {
                        values.put(name.asText(), value);
                    }
                }
                String answer = json.writeValueAsString(Map.of("values", values, "missing", missing));
                return json(200, answer);
            } catch (Exception e) {
                return json(400, "{\"error\":\"BAD_REQUEST\",\"message\":\"unreadable\"}");
            }
        }

        private static ResponseDefinition json(int status, String body) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                    .withHeader("Content-Type", "application/json").withBody(body).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
