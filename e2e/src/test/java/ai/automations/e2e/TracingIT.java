package ai.automations.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import ai.automations.e2e.TraceReceiver.ReceivedSpan;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Distributed tracing through the real suite (Kafka, PostgreSQL, four services exporting OTLP to the test JVM's
 * {@link TraceReceiver}): an alias added through registry-service's API becomes ONE trace holding the REST call, the
 * outbox publish, the evaluation, the action request, one span per delivery attempt (a 503 then a 204) and the secrets
 * lookup with secrets-service's side of it; the execution names that trace; no span anywhere holds the secret.
 */
class TracingIT {

    private static final String SECRET = "trace-secret-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String E = "/api/v1/entities/tracy";

    private static Suite suite;
    private static WireMockServer hook;

    @BeforeAll
    static void start() {
        suite = Suite.get();
        suite.tracing(true);
        hook = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        hook.start();
        hook.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1"))
                .willSetStateTo("recovered"));
        hook.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stop() {
        hook.stop();
    }

    @Test
    void aliasToWebhookIsOneTraceAcrossTheFourServicesWithASpanPerAttemptAndNoSecret() throws Exception {
        create("registry-service", "/api/v1/entities", Map.of("name", "tracy"));
        create("registry-service", E + "/projects", Map.of("name", "p"));
        create("registry-service", E + "/registries", Map.of("name", "model"));
        create("registry-service", E + "/registries/model/collections", Map.of("name", "traced", "type", "model"));
        create("secrets-service", E + "/secrets", Map.of("name", "HOOK_TOKEN", "value", SECRET));
        create("registry-service", E + "/integrations", Map.of("kind", "webhook", "name", "hook",
                "url", hook.baseUrl() + "/hook", "accessTokenSecret", "HOOK_TOKEN"));
        String automationId = JSON.readTree(create("registry-service", E + "/automations", Map.of(
                "name", "traced-deploy",
                "scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "traced"),
                "event", Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", "^production$")),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "hook",
                        "payload", Map.of("version", "${artifact_version_string}", "token", "${ACCESS_TOKEN}")))))
                .get("id").asText();
        String artifactId = JSON.readTree(create("registry-service", E + "/projects/p/artifacts",
                Map.of("collection", "m", "type", "model"))).get("id").asText();
        String version = JSON.readTree(create("registry-service", E + "/registries/model/collections/traced/links",
                Map.of("artifactId", artifactId))).get("version").asText();
        String aliases = E + "/registries/model/collections/traced/versions/" + version + "/aliases";

        assertThat(api("registry-service").body(Map.of("alias", "production")).post(aliases).statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> !executions(automationId).isEmpty()
                        && executions(automationId).get(0).path("status").asText().equals("FINISHED"));
        JsonNode execution = executions(automationId).get(0);
        assertThat(execution.get("attempts")).hasSize(2);
        String traceId = execution.path("traceId").asText();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(hook.findAll(postRequestedFor(urlEqualTo("/hook"))))
                .allSatisfy(call -> assertThat(call.getHeader("traceparent")).isNull());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<ReceivedSpan> trace = suite.traces().trace(traceId);
            return services(trace).size() == 4 && named(trace, "delivery attempt").size() == 2
                    && named(trace, "POST /internal/v1/entities/{entity}/secrets/resolve").size() >= 1;
        });
        List<ReceivedSpan> trace = suite.traces().trace(traceId);
        assertThat(services(trace)).containsExactlyInAnyOrder("registry-service", "trigger-service", "action-service",
                "secrets-service");

        ReceivedSpan root = trace.stream().filter(s -> s.parentSpanId().isEmpty()).findFirst().orElseThrow();
        assertThat(root.service()).isEqualTo("registry-service");
        assertThat(root.name()).startsWith("POST ").endsWith("/aliases");
        assertThat(root.attributes()).containsEntry("http.response.status_code", "200");
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        assertThat(trace).filteredOn(s -> s != root).allSatisfy(s -> assertThat(ids).contains(s.parentSpanId()));
        assertThat(trace.stream().filter(s -> s.parentSpanId().isEmpty())).hasSize(1);

        assertThat(named(trace, "publish automation.events")).singleElement()
                .satisfies(s -> assertThat(s.service()).isEqualTo("registry-service"));
        assertThat(trace).anySatisfy(s -> {
            assertThat(s.service()).isEqualTo("trigger-service");
            assertThat(s.name()).startsWith("evaluate ");
            assertThat(s.attributes()).containsEntry("automations.requests", "1");
        });
        ReceivedSpan received = named(trace, "receive automation.actions").get(0);
        assertThat(received.service()).isEqualTo("action-service");
        List<ReceivedSpan> attempts = named(trace, "delivery attempt");
        assertThat(attempts).allSatisfy(a -> assertThat(a.parentSpanId()).isEqualTo(received.spanId()));
        assertThat(attempts.stream().map(a -> a.attributes().get("http.response.status_code")))
                .containsExactlyInAnyOrder("503", "204");
        assertThat(attempts.stream().map(a -> a.attributes().get("automations.attempt")))
                .containsExactlyInAnyOrder("1", "2");
        Set<String> attemptIds = attempts.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        List<ReceivedSpan> lookups = named(trace, "secrets lookup");
        assertThat(lookups).isNotEmpty().allSatisfy(l -> assertThat(attemptIds).contains(l.parentSpanId()));
        Set<String> lookupIds = lookups.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        assertThat(named(trace, "POST /internal/v1/entities/{entity}/secrets/resolve"))
                .allSatisfy(s -> {
                    assertThat(s.service()).isEqualTo("secrets-service");
                    assertThat(lookupIds).contains(s.parentSpanId());
                });

        assertThat(suite.traces().spans()).allSatisfy(span -> {
            assertThat(span.name()).doesNotContain(SECRET);
            span.attributes().forEach((key, value) -> {
                assertThat(key).doesNotContain(SECRET);
                assertThat(value).as("attribute %s of span %s", key, span.name()).doesNotContain(SECRET);
            });
        });
        assertThat(suite.traces().rawBodies()).isNotEmpty().noneMatch(body -> body.contains(SECRET));
    }

    private static List<ReceivedSpan> named(List<ReceivedSpan> trace, String name) {
        return trace.stream().filter(s -> name.equals(s.name())).toList();
    }

    private static Set<String> services(List<ReceivedSpan> trace) {
        return trace.stream().map(ReceivedSpan::service).collect(Collectors.toSet());
    }

    private static RequestSpecification api(String service) {
        return given().baseUri(suite.url(service)).header("Authorization", "Bearer " + suite.adminKey())
                .contentType(ContentType.JSON);
    }

    private static String create(String service, String path, Map<String, ?> body) {
        Response response = api(service).body(body).post(path);
        assertThat(response.statusCode()).as("POST %s -> %s", path, response.asString()).isEqualTo(201);
        return response.asString();
    }

    private static JsonNode executions(String automationId) throws Exception {
        Response response = api("action-service").get(E + "/automations/" + automationId + "/executions");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }
}
