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

    /**
     * A run-metric firing continues the trace of the history call that caused it: registry's REST span, trigger's
     * evaluation of the firing (from the run-metric record's {@code traceparent} header), action-service's receive and
     * delivery attempt are one trace.
     */
    @Test
    void aHistoryPostCrossingAThresholdIsOneTraceThroughRegistryTriggerAndAction() throws Exception {
        String e = "/api/v1/entities/tracy-runs";
        create("registry-service", "/api/v1/entities", Map.of("name", "tracy-runs"));
        create("registry-service", e + "/projects", Map.of("name", "p"));
        create("registry-service", e + "/integrations", Map.of("kind", "webhook", "name", "hook",
                "url", hook.baseUrl() + "/metric"));
        hook.stubFor(post(urlEqualTo("/metric")).willReturn(aResponse().withStatus(204)));
        String automationId = JSON.readTree(create("registry-service", e + "/automations", Map.of(
                "name", "traced-threshold",
                "scope", Map.of("type", "PROJECT", "project", "p"),
                "event", Map.of("type", "RUN_METRIC_THRESHOLD", "filter", Map.of("metric", "acc", "agg", "AVERAGE",
                        "window", 1, "cmp", ">", "threshold", 0.5)),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "hook",
                        "payload", Map.of("run", "${run_id}"))))).get("id").asText();

        // trigger-service learns the automation asynchronously: a fresh run per try until one fires
        int[] runs = {0};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            String run = "r" + runs[0]++;
            create("registry-service", e + "/projects/p/runs", Map.of("id", run, "name", run));
            assertThat(api("registry-service").body("{\"step\":0,\"metrics\":{\"acc\":0.9}}")
                    .post(e + "/projects/p/runs/" + run + "/history").statusCode()).isEqualTo(202);
            return !executions(e, automationId).isEmpty();
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> executions(e, automationId).get(0).path("status").asText().equals("FINISHED"));
        String traceId = executions(e, automationId).get(0).path("traceId").asText();
        assertThat(traceId).matches("[0-9a-f]{32}");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<ReceivedSpan> trace = suite.traces().trace(traceId);
            return services(trace).containsAll(Set.of("registry-service", "trigger-service", "action-service"))
                    && named(trace, "delivery attempt").size() == 1;
        });
        List<ReceivedSpan> trace = suite.traces().trace(traceId);
        ReceivedSpan root = trace.stream().filter(span -> span.parentSpanId().isEmpty()).findFirst().orElseThrow();
        assertThat(root.service()).isEqualTo("registry-service");
        assertThat(root.name()).startsWith("POST /api/v1/entities/{entity}/projects/{project}/runs/").endsWith("/history");
        assertThat(trace.stream().filter(span -> span.parentSpanId().isEmpty())).hasSize(1);
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        assertThat(trace).filteredOn(span -> span != root).allSatisfy(span -> assertThat(ids).contains(span.parentSpanId()));
        ReceivedSpan evaluation = named(trace, "evaluate ai.automations.RUN_METRIC_THRESHOLD").get(0);
        assertThat(evaluation.service()).isEqualTo("trigger-service");
        assertThat(evaluation.parentSpanId()).isEqualTo(root.spanId());
        assertThat(evaluation.attributes()).containsEntry("automations.automation.id", automationId);
        ReceivedSpan received = named(trace, "receive automation.actions").get(0);
        assertThat(received.parentSpanId()).isEqualTo(evaluation.spanId());
        assertThat(named(trace, "delivery attempt")).singleElement()
                .satisfies(a -> assertThat(a.attributes()).containsEntry("http.response.status_code", "204"));
    }

    /**
     * An event ingested through the front door with a {@code traceparent} header continues the caller's trace (the
     * door's span, then trigger-service's), an integration with {@code sendTraceparent} sends the attempt's
     * {@code traceparent} (the execution's trace), and the delivery's log line (JSON, as in the chart) carries it.
     */
    @Test
    void anEventIngestedThroughTheFrontDoorContinuesTheCallersTraceUpToTheReceiverAndTheDeliveryLog() throws Exception {
        String e = "/api/v1/entities/tracy-ingest";
        create("registry-service", "/api/v1/entities", Map.of("name", "tracy-ingest"));
        create("registry-service", e + "/registries", Map.of("name", "model"));
        create("registry-service", e + "/registries/model/collections", Map.of("name", "ingested", "type", "model"));
        hook.stubFor(post(urlEqualTo("/with-traceparent")).willReturn(aResponse().withStatus(204)));
        create("registry-service", e + "/integrations", Map.of("kind", "webhook", "name", "traced",
                "url", hook.baseUrl() + "/with-traceparent", "sendTraceparent", true));
        String automationId = JSON.readTree(create("registry-service", e + "/automations", Map.of(
                "name", "traced-ingest",
                "scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "ingested"),
                "event", Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", "^production$")),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "traced",
                        "payload", Map.of("alias", "${alias}"))))).get("id").asText();
        String callerTrace = "0af7651916cd43dd8448eb211c80319c";
        Map<String, Object> data = Map.of("entity", "tracy-ingest", "registry", "model", "collection", "ingested",
                "version", "v0", "versionIndex", 0, "alias", "production");

        // trigger-service learns the automation asynchronously: the same event (new id) again until it fires
        int[] sent = {0};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Map<String, Object> event = Map.of("specversion", "1.0", "id", "traced-ingest-" + sent[0]++,
                    "source", "/e2e/tracing", "type", "ai.automations.ADD_ARTIFACT_ALIAS", "data", data);
            assertThat(api(Suite.CONSOLE).header("traceparent", "00-" + callerTrace + "-b7ad6b7169203331-01")
                    .body(event).post("/api/v1/events").statusCode()).isEqualTo(202);
            return !executions(e, automationId).isEmpty();
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> executions(e, automationId).get(0).path("status").asText().equals("FINISHED"));
        JsonNode execution = executions(e, automationId).get(0);
        String traceId = execution.path("traceId").asText();
        assertThat(traceId).isEqualTo(callerTrace);
        assertThat(hook.findAll(postRequestedFor(urlEqualTo("/with-traceparent")))).isNotEmpty()
                .allSatisfy(call -> assertThat(call.getHeader("traceparent"))
                        .matches("00-" + traceId + "-[0-9a-f]{16}-[0-9a-f]{2}"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<ReceivedSpan> trace = suite.traces().trace(traceId);
            Set<String> doorIds = named(trace, "POST front door -> trigger").stream().map(ReceivedSpan::spanId)
                    .collect(Collectors.toSet());
            return services(trace).containsAll(Set.of("console", "trigger-service", "action-service"))
                    && named(trace, "delivery attempt").size() >= 1
                    && named(trace, "POST /api/v1/events").stream().allMatch(i -> doorIds.contains(i.parentSpanId()));
        });
        List<ReceivedSpan> doors = named(suite.traces().trace(traceId), "POST front door -> trigger");
        assertThat(doors).isNotEmpty().allSatisfy(door -> {
            assertThat(door.service()).isEqualTo("console");
            assertThat(door.parentSpanId()).isEqualTo("b7ad6b7169203331");
            assertThat(door.attributes()).containsEntry("http.response.status_code", "202");
        });
        Set<String> doorIds = doors.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        assertThat(named(suite.traces().trace(traceId), "POST /api/v1/events")).isNotEmpty().allSatisfy(ingest -> {
            assertThat(ingest.service()).isEqualTo("trigger-service");
            assertThat(doorIds).contains(ingest.parentSpanId());
        });
        Set<String> attempts = named(suite.traces().trace(traceId), "delivery attempt").stream()
                .map(ReceivedSpan::spanId).collect(Collectors.toSet());

        String executionId = execution.get("id").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> deliveryLines(executionId)
                .anyMatch(line -> traceId.equals(line.path("traceId").asText())
                        && attempts.contains(line.path("spanId").asText())));
    }

    /** The JSON log lines of action-service about an attempt of {@code executionId}. */
    private static java.util.stream.Stream<JsonNode> deliveryLines(String executionId) throws Exception {
        java.nio.file.Path log = suite.jsonLog("action-service");
        if (!java.nio.file.Files.exists(log)) {
            return java.util.stream.Stream.empty();
        }
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(log)) {
            if (line.contains(executionId) && line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines.stream().filter(l -> l.path("message").asText().startsWith("Execution " + executionId + ": attempt"));
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
        return executions(E, automationId);
    }

    private static JsonNode executions(String entityPath, String automationId) throws Exception {
        Response response = api("action-service").get(entityPath + "/automations/" + automationId + "/executions");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }
}
