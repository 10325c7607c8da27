package ai.automations.e2e;

import static ai.automations.e2e.ApiClient.ACTION;
import static ai.automations.e2e.ApiClient.REGISTRY;
import static ai.automations.e2e.ApiClient.SECRETS;
import static ai.automations.e2e.ApiClient.TRIGGER;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.restassured.response.Response;

/**
 * Two teams with identically named projects, registries, collections, secrets, integrations and automations: entity
 * B's admin can neither read, change, reference nor trigger anything of entity A's, through any of the four services,
 * and A's automation never fires for B's events.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantIsolationIT {

    private static final String A = "iso-a";
    private static final String B = "iso-b";
    private static final String RUN = "run-1";

    private static Suite suite;
    private static WireMockServer receiver;
    private static ApiClient adminA;
    private static ApiClient adminB;
    private static final Map<String, String> TOKEN = Map.of(A, "iso-a-token-" + UUID.randomUUID(),
            B, "iso-b-token-" + UUID.randomUUID());
    private static final String A_ONLY_VALUE = "iso-a-only-" + UUID.randomUUID();
    private static String automationA;
    private static String automationB;
    private static String artifactA;
    private static String versionA;
    private static String executionA;

    @BeforeAll
    static void setUp() {
        suite = Suite.get();
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlPathMatching("/iso/.*")).willReturn(aResponse().withStatus(204)));
        ApiClient root = new ApiClient(suite, suite.adminKey());
        adminA = new ApiClient(suite, root.createUser("iso-a-admin"));
        adminB = new ApiClient(suite, root.createUser("iso-b-admin"));

        for (String x : List.of(A, B)) {
            ApiClient admin = x.equals(A) ? adminA : adminB;
            String e = "/api/v1/entities/" + x;
            admin.created(REGISTRY, "/api/v1/entities", Map.of("name", x));
            admin.created(REGISTRY, e + "/projects", Map.of("name", "fraud"));
            admin.created(REGISTRY, e + "/registries", Map.of("name", "model"));
            admin.created(REGISTRY, e + "/registries/model/collections", Map.of("name", "detector", "type", "model"));
            admin.created(REGISTRY, e + "/projects/fraud/runs", Map.of("id", RUN, "name", RUN));
            admin.created(SECRETS, e + "/secrets", Map.of("name", "CI_TOKEN", "value", TOKEN.get(x)));
            if (x.equals(A)) {
                admin.created(SECRETS, e + "/secrets", Map.of("name", "A_ONLY", "value", A_ONLY_VALUE));
                admin.created(REGISTRY, e + "/integrations", Map.of("kind", "webhook", "name", "a-only",
                        "url", receiver.baseUrl() + "/iso/a-only", "accessTokenSecret", "A_ONLY"));
            }
            admin.created(REGISTRY, e + "/integrations", Map.of("kind", "webhook", "name", "ci",
                    "url", receiver.baseUrl() + "/iso/" + x, "accessTokenSecret", "CI_TOKEN"));
            String id = admin.created(REGISTRY, e + "/automations", Map.of(
                    "name", "deploy-on-production",
                    "scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "detector"),
                    "event", Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", "^production$")),
                    "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "ci", "payload", Map.of(
                            "entity", "${entity_name}", "version", "${artifact_version_string}",
                            "token", "${ACCESS_TOKEN}", "ci", "${CI_TOKEN}", "aOnly", "${A_ONLY}")))).get("id").asText();
            if (x.equals(A)) {
                automationA = id;
            } else {
                automationB = id;
            }
        }
        artifactA = newArtifact(adminA, A);
        versionA = link(adminA, A, artifactA);
        alias(adminA, A, versionA, "production");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                .until(() -> calls(A).size() == 1 && "FINISHED".equals(status(adminA, A, automationA)));
        executionA = executions(adminA, A, automationA).get(0).get("id").asText();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    /** One read by B's admin: the status B gets, and what A's admin gets at the same place (the path is real). */
    private record Read(String service, String path, int forB, int forA) {
    }

    @Test
    @Order(1)
    void entityBCannotReadEntityAsThings() {
        String a = "/api/v1/entities/" + A;
        String detector = a + "/registries/model/collections/detector";
        List<Read> reads = List.of(
                new Read(REGISTRY, a, 403, 200),
                new Read(REGISTRY, a + "/projects", 403, 200),
                new Read(REGISTRY, a + "/projects/fraud", 403, 200),
                new Read(REGISTRY, a + "/registries", 403, 200),
                new Read(REGISTRY, a + "/registries/model", 403, 200),
                new Read(REGISTRY, detector, 403, 200),
                new Read(REGISTRY, detector + "/versions", 403, 200),
                new Read(REGISTRY, detector + "/versions/" + versionA, 403, 200),
                new Read(REGISTRY, detector + "/versions/production", 403, 200),
                new Read(REGISTRY, "/api/v1/artifacts/" + artifactA, 404, 200),
                new Read(REGISTRY, a + "/projects/fraud/runs", 403, 200),
                new Read(REGISTRY, a + "/projects/fraud/runs/" + RUN, 403, 200),
                new Read(REGISTRY, a + "/members", 403, 200),
                new Read(REGISTRY, a + "/automations", 403, 200),
                new Read(REGISTRY, a + "/automations/" + automationA, 403, 200),
                new Read(REGISTRY, "/api/v1/entities/" + B + "/automations/" + automationA, 404, 403),
                new Read(REGISTRY, a + "/integrations", 403, 200),
                new Read(REGISTRY, a + "/integrations/a-only", 403, 200),
                new Read(SECRETS, a + "/secrets", 403, 200),
                new Read(SECRETS, a + "/secrets/audit", 403, 200),
                new Read(ACTION, a + "/automations/" + automationA + "/executions", 403, 200),
                new Read(ACTION, "/api/v1/executions/" + executionA, 404, 200));
        List<String> failures = new ArrayList<>();
        for (Read read : reads) {
            Response b = adminB.get(read.service, read.path);
            Response ownA = adminA.get(read.service, read.path);
            if (b.statusCode() != read.forB || ownA.statusCode() != read.forA) {
                failures.add(read + ": B got " + b.statusCode() + " " + b.asString() + ", A got " + ownA.statusCode());
            }
            assertThat(b.asString()).as("%s %s as B", read.service, read.path)
                    .doesNotContain(TOKEN.get(A)).doesNotContain(A_ONLY_VALUE);
            if (b.statusCode() >= 400) {
                assertThat(b.asString()).as("B's error names nothing of A's").doesNotContain("deploy-on-production");
            }
        }
        assertThat(failures).isEmpty();

        JsonNode bHistoryOfA = ApiClient.expect(200, adminB.get(ACTION,
                "/api/v1/entities/" + B + "/automations/" + automationA + "/executions"), "B's history of A's id");
        assertThat(bHistoryOfA).as("A's executions through B's path").isEmpty();
        List<String> visible = new ArrayList<>();
        adminB.ok(REGISTRY, "/api/v1/entities").forEach(e -> visible.add(e.get("name").asText()));
        assertThat(visible).contains(B).doesNotContain(A);
        List<String> automationsOfB = new ArrayList<>();
        adminB.ok(REGISTRY, "/api/v1/entities/" + B + "/automations").forEach(x -> automationsOfB.add(x.get("id").asText()));
        assertThat(automationsOfB).containsExactly(automationB);
    }

    @Test
    @Order(2)
    void entityBCannotChangeEntityAsThings() {
        String a = "/api/v1/entities/" + A;
        String b = "/api/v1/entities/" + B;
        record Write(String service, String method, String path, Object body, int forB) {
        }
        List<Write> writes = List.of(
                new Write(REGISTRY, "PATCH", a + "/automations/" + automationA, Map.of("enabled", false), 403),
                new Write(REGISTRY, "PATCH", b + "/automations/" + automationA, Map.of("enabled", false), 404),
                new Write(REGISTRY, "DELETE", a + "/automations/" + automationA, null, 403),
                new Write(REGISTRY, "DELETE", b + "/automations/" + automationA, null, 404),
                new Write(REGISTRY, "POST", a + "/members", Map.of("user", "iso-b-admin", "role", "ADMIN"), 403),
                new Write(REGISTRY, "POST", a + "/projects", Map.of("name", "planted"), 403),
                new Write(REGISTRY, "POST", a + "/projects/fraud/artifacts", Map.of("collection", "planted", "type", "model"), 403),
                new Write(REGISTRY, "PATCH", a + "/projects/fraud/runs/" + RUN, Map.of("state", "FAILED"), 403),
                new Write(REGISTRY, "POST", "/api/v1/artifacts/" + artifactA + "/aliases", Map.of("alias", "planted"), 404),
                new Write(REGISTRY, "POST", "/api/v1/artifacts/" + artifactA + "/tags", Map.of("tag", "planted"), 404),
                new Write(REGISTRY, "POST", b + "/registries/model/collections/detector/links", Map.of("artifactId", artifactA), 404),
                new Write(REGISTRY, "DELETE", a + "/integrations/ci", null, 403),
                new Write(SECRETS, "POST", a + "/secrets", Map.of("name", "PLANTED", "value", "planted"), 403),
                new Write(SECRETS, "PUT", a + "/secrets/CI_TOKEN", Map.of("value", "overwritten-by-b"), 403),
                new Write(SECRETS, "DELETE", a + "/secrets/A_ONLY", null, 403));
        List<String> failures = new ArrayList<>();
        for (Write w : writes) {
            Response response = adminB.call(w.service, w.method, w.path, w.body);
            if (response.statusCode() != w.forB) {
                failures.add(w.method + " " + w.path + ": expected " + w.forB + ", got " + response.statusCode() + " "
                        + response.asString());
            }
        }
        assertThat(failures).isEmpty();

        JsonNode automation = adminA.ok(REGISTRY, a + "/automations/" + automationA);
        assertThat(automation.get("enabled").asBoolean()).isTrue();
        assertThat(adminA.ok(REGISTRY, a + "/members").toString()).doesNotContain("iso-b-admin");
        assertThat(adminA.ok(REGISTRY, a + "/projects/fraud/runs/" + RUN).get("state").asText()).isEqualTo("RUNNING");
        JsonNode artifact = adminA.ok(REGISTRY, "/api/v1/artifacts/" + artifactA);
        assertThat(artifact.toString()).doesNotContain("planted");
        assertThat(adminA.get(REGISTRY, a + "/integrations/ci").statusCode()).isEqualTo(200);
        JsonNode secrets = adminA.ok(SECRETS, a + "/secrets");
        assertThat(secrets.findValuesAsText("name")).containsExactlyInAnyOrder("CI_TOKEN", "A_ONLY");
        secrets.forEach(s -> assertThat(s.get("version").asInt()).as("%s was not rotated", s).isEqualTo(1));
    }

    @Test
    @Order(3)
    void entityBCannotReferenceEntityAsSecretsOrIntegrations() {
        String b = "/api/v1/entities/" + B;
        Response webhook = adminB.post(REGISTRY, b + "/integrations", Map.of("kind", "webhook", "name", "borrowed",
                "url", receiver.baseUrl() + "/iso/borrowed", "accessTokenSecret", "A_ONLY"));
        assertThat(webhook.statusCode()).as(webhook.asString()).isEqualTo(422);
        assertThat(ApiClient.read(webhook.asString()).path("field").asText()).isEqualTo("accessTokenSecret");
        Response signing = adminB.post(REGISTRY, b + "/integrations", Map.of("kind", "webhook", "name", "borrowed",
                "url", receiver.baseUrl() + "/iso/borrowed", "signingSecret", "A_ONLY"));
        assertThat(signing.statusCode()).as(signing.asString()).isEqualTo(422);
        Response slack = adminB.post(REGISTRY, b + "/integrations", Map.of("kind", "slack", "name", "borrowed",
                "channel", "#ml", "webhookUrlSecret", "A_ONLY"));
        assertThat(slack.statusCode()).as(slack.asString()).isEqualTo(422);
        assertThat(adminB.get(REGISTRY, b + "/integrations/borrowed").statusCode()).isEqualTo(404);

        Response repointed = adminB.put(REGISTRY, b + "/integrations/ci", Map.of("kind", "webhook", "name", "ci",
                "url", receiver.baseUrl() + "/iso/" + B, "accessTokenSecret", "A_ONLY"));
        assertThat(repointed.statusCode()).as(repointed.asString()).isEqualTo(422);
        assertThat(adminB.ok(REGISTRY, b + "/integrations/ci").get("accessTokenSecret").asText()).isEqualTo("CI_TOKEN");

        Response automation = adminB.post(REGISTRY, b + "/automations", Map.of(
                "name", "uses-a-only",
                "scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "detector"),
                "event", Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", "^production$")),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "a-only")));
        assertThat(automation.statusCode()).as(automation.asString()).isEqualTo(422);
        assertThat(ApiClient.read(automation.asString()).path("field").asText()).isEqualTo("action.integration");
    }

    @Test
    @Order(4)
    void entityBCannotTriggerWithEntityAsThings() {
        String a = "/api/v1/entities/" + A;
        String b = "/api/v1/entities/" + B;
        Map<String, Object> eventForA = aliasEvent("iso-forged-" + UUID.randomUUID(), A);
        Map<String, Object> eventForB = aliasEvent("iso-own-" + UUID.randomUUID(), B);

        Response ingest = adminB.post(TRIGGER, "/api/v1/events", eventForA);
        assertThat(ingest.statusCode()).as(ingest.asString()).isEqualTo(403);
        Response batch = adminB.post(TRIGGER, "/api/v1/events", List.of(eventForB, eventForA));
        assertThat(batch.statusCode()).as(batch.asString()).isEqualTo(403);

        Response dryRunInA = adminB.post(TRIGGER, a + "/automations/" + automationA + "/dry-run", Map.of("event", eventForA));
        assertThat(dryRunInA.statusCode()).as(dryRunInA.asString()).isEqualTo(403);
        Response dryRunViaB = adminB.post(TRIGGER, b + "/automations/" + automationA + "/dry-run", Map.of("event", eventForA));
        assertThat(dryRunViaB.statusCode()).as(dryRunViaB.asString()).isEqualTo(404);

        Response redeliver = adminB.post(ACTION, "/api/v1/executions/" + executionA + "/redeliver", null);
        assertThat(redeliver.statusCode()).as(redeliver.asString()).isEqualTo(404);
        Response testInA = adminB.post(ACTION, a + "/integrations/ci/test", Map.of());
        assertThat(testInA.statusCode()).as(testInA.asString()).isEqualTo(403);
        Response testViaB = adminB.post(ACTION, b + "/integrations/a-only/test", Map.of());
        assertThat(testViaB.statusCode()).as(testViaB.asString()).isEqualTo(404);

        assertThat(calls("a-only")).as("A's a-only endpoint was never called").isEmpty();
        JsonNode execution = adminA.ok(ACTION, "/api/v1/executions/" + executionA);
        assertThat(execution.get("attempts")).as("no redelivery attempt was added").hasSize(1);
    }

    @Test
    @Order(5)
    void aDryRunOfBsAutomationDoesNotMatchAnEventOfEntityA() {
        String path = "/api/v1/entities/" + B + "/automations/" + automationB + "/dry-run";
        Map<String, Object> body = Map.of("event", aliasEvent("iso-dry-" + UUID.randomUUID(), A));
        // trigger-service knows B's automation once its definition has come through Kafka.
        Response dryRun = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> adminB.post(TRIGGER, path, body), r -> r.statusCode() != 404);
        assertThat(dryRun.statusCode()).as(dryRun.asString()).isEqualTo(200);
        JsonNode result = ApiClient.read(dryRun.asString());
        assertThat(result.get("matched").asBoolean()).as("an event of entity %s never triggers %s's automation: %s", A, B,
                result).isFalse();
        assertThat(dryRun.asString()).doesNotContain(TOKEN.get(B)).doesNotContain(TOKEN.get(A));
    }

    @Test
    @Order(6)
    void anAutomationFiresOnlyForItsOwnEntitysEvents() {
        String artifactB = newArtifact(adminB, B);
        String versionB = link(adminB, B, artifactB);
        alias(adminB, B, versionB, "production");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                .until(() -> calls(B).size() == 1 && "FINISHED".equals(status(adminB, B, automationB)));
        Response ingested = adminB.post(TRIGGER, "/api/v1/events", aliasEvent("iso-ingested-" + UUID.randomUUID(), B));
        assertThat(ingested.statusCode()).as(ingested.asString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                .until(() -> calls(B).size() == 2 && executions(adminB, B, automationB).size() == 2
                        && "FINISHED".equals(status(adminB, B, automationB)));

        String secondA = link(adminA, A, newArtifact(adminA, A));
        alias(adminA, A, secondA, "production");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                .until(() -> calls(A).size() == 2 && executions(adminA, A, automationA).size() == 2);

        List<String> versionsToB = new ArrayList<>();
        for (LoggedRequest call : calls(B)) {
            JsonNode toB = ApiClient.read(call.getBodyAsString());
            assertThat(toB.get("entity").asText()).isEqualTo(B);
            assertThat(toB.get("token").asText()).isEqualTo(TOKEN.get(B));
            assertThat(toB.get("ci").asText()).isEqualTo(TOKEN.get(B));
            assertThat(toB.get("aOnly").asText()).as("A's secret is not B's to use").isEmpty();
            assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN.get(B));
            versionsToB.add(toB.get("version").asText());
        }
        assertThat(versionsToB).contains(B + "/model/detector:" + versionB);

        List<String> versionsToA = new ArrayList<>();
        for (LoggedRequest call : calls(A)) {
            JsonNode body = ApiClient.read(call.getBodyAsString());
            assertThat(body.get("entity").asText()).isEqualTo(A);
            assertThat(body.get("token").asText()).isEqualTo(TOKEN.get(A));
            assertThat(body.get("aOnly").asText()).isEqualTo(A_ONLY_VALUE);
            assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN.get(A));
            versionsToA.add(body.get("version").asText());
        }
        assertThat(versionsToA).containsExactlyInAnyOrder(A + "/model/detector:" + versionA, A + "/model/detector:" + secondA);
        assertThat(executions(adminB, B, automationB)).hasSize(2);
        assertThat(executions(adminB, B, automationB).toString()).doesNotContain(TOKEN.get(B)).doesNotContain(A_ONLY_VALUE);
        assertThat(calls("a-only")).isEmpty();
    }

    private static Map<String, Object> aliasEvent(String id, String entity) {
        return Map.of("specversion", "1.0", "id", id, "source", "/e2e/isolation", "type", "ai.automations.ADD_ARTIFACT_ALIAS",
                "datacontenttype", "application/json",
                "data", Map.of("entity", entity, "registry", "model", "collection", "detector", "version", "v9",
                        "versionIndex", 9, "alias", "production", "author", "forger"));
    }

    private static String newArtifact(ApiClient admin, String entity) {
        return admin.created(REGISTRY, "/api/v1/entities/" + entity + "/projects/fraud/artifacts",
                Map.of("collection", "net", "type", "model")).get("id").asText();
    }

    private static String link(ApiClient admin, String entity, String artifactId) {
        return admin.created(REGISTRY, "/api/v1/entities/" + entity + "/registries/model/collections/detector/links",
                Map.of("artifactId", artifactId)).get("version").asText();
    }

    private static void alias(ApiClient admin, String entity, String version, String alias) {
        ApiClient.expect(200, admin.post(REGISTRY, "/api/v1/entities/" + entity
                + "/registries/model/collections/detector/versions/" + version + "/aliases", Map.of("alias", alias)), "alias");
    }

    private static List<LoggedRequest> calls(String endpoint) {
        return receiver.findAll(postRequestedFor(urlEqualTo("/iso/" + endpoint)));
    }

    private static JsonNode executions(ApiClient admin, String entity, String automation) {
        return admin.ok(ACTION, "/api/v1/entities/" + entity + "/automations/" + automation + "/executions");
    }

    private static String status(ApiClient admin, String entity, String automation) {
        JsonNode list = executions(admin, entity, automation);
        return list.isEmpty() ? null : list.get(0).path("status").asText();
    }
}
