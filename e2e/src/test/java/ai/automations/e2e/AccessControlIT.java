package ai.automations.e2e;

import static ai.automations.e2e.ApiClient.ACTION;
import static ai.automations.e2e.ApiClient.REGISTRY;
import static ai.automations.e2e.ApiClient.SECRETS;
import static ai.automations.e2e.ApiClient.TRIGGER;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.restassured.response.Response;

/**
 * Role × endpoint family across all four services, with users made through the real API: every endpoint family
 * (registry, members and keys, automations, integrations, secrets, executions, trigger-service) is called by an
 * entity ADMIN, MEMBER and VIEWER, by a user who is ADMIN of another entity only, without a key and with a key that
 * was never issued. Each cell of the table below asserts the status; denials answer the contract's JSON error.
 */
class AccessControlIT {

    /** The entity under test and the one the outsider administers. */
    private static final String E = "acl";
    private static final String OTHER = "acl-other";

    /** Who calls; least privileged first, so a denied call is never masked by an earlier allowed one. */
    enum Caller {
        NO_KEY, BAD_KEY, OUTSIDER, VIEWER, MEMBER, ADMIN;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace("_", "");
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\$)\\{([a-zA-Z]+)}");

    private static Suite suite;
    private static WireMockServer receiver;
    private static ApiClient root;
    private static final Map<Caller, ApiClient> CALLERS = new EnumMap<>(Caller.class);
    private static final Map<String, String> FIXTURE = new HashMap<>();

    @BeforeAll
    static void setUp() {
        suite = Suite.get();
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlPathMatching("/acl/.*")).willReturn(aResponse().withStatus(204)));
        root = new ApiClient(suite, suite.adminKey());

        root.created(REGISTRY, "/api/v1/entities", Map.of("name", E));
        root.created(REGISTRY, "/api/v1/entities", Map.of("name", OTHER));
        CALLERS.put(Caller.NO_KEY, new ApiClient(suite, null));
        CALLERS.put(Caller.BAD_KEY, new ApiClient(suite, ApiClient.unknownKey()));
        CALLERS.put(Caller.OUTSIDER, new ApiClient(suite, root.createUser("acl-outsider")));
        CALLERS.put(Caller.VIEWER, new ApiClient(suite, root.createUser("acl-viewer")));
        CALLERS.put(Caller.MEMBER, new ApiClient(suite, root.createUser("acl-member")));
        CALLERS.put(Caller.ADMIN, new ApiClient(suite, root.createUser("acl-admin")));
        root.addMember(E, "acl-admin", "ADMIN");
        root.addMember(E, "acl-member", "MEMBER");
        root.addMember(E, "acl-viewer", "VIEWER");
        root.addMember(OTHER, "acl-outsider", "ADMIN");

        String e = "/api/v1/entities/" + E;
        root.created(REGISTRY, e + "/projects", Map.of("name", "proj"));
        root.created(REGISTRY, e + "/registries", Map.of("name", "model"));
        root.created(REGISTRY, e + "/registries/model/collections", Map.of("name", "detector", "type", "model"));
        FIXTURE.put("tokenValue", "acl-token-" + UUID.randomUUID());
        root.created(SECRETS, e + "/secrets", Map.of("name", "HOOK_TOKEN", "value", FIXTURE.get("tokenValue")));
        root.created(REGISTRY, e + "/integrations", webhook("hook"));
        String automation = root.created(REGISTRY, e + "/automations", Map.of(
                "name", "tagged-fire",
                "scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "detector"),
                "event", Map.of("type", "ADD_ARTIFACT_TAG", "filter", Map.of("tagRegex", "^fire$")),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "hook",
                        "payload", Map.of("version", "${artifact_version_string}")))).get("id").asText();
        String artifact = newArtifact();
        String version = link(artifact);
        root.created(REGISTRY, e + "/projects/proj/runs", Map.of("id", "run-1", "name", "run-1"));
        JsonNode tagged = ApiClient.expect(200, root.post(REGISTRY,
                e + "/registries/model/collections/detector/versions/" + version + "/tags", Map.of("tag", "fire")), "tag");
        assertThat(tagged.toString()).contains("fire");
        String execution = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode list = root.ok(ACTION, e + "/automations/" + automation + "/executions");
            return list.size() == 1 && "FINISHED".equals(list.get(0).path("status").asText())
                    ? list.get(0).get("id").asText() : null;
        }, id -> id != null);

        FIXTURE.put("e", E);
        FIXTURE.put("artifact", artifact);
        FIXTURE.put("version", version);
        FIXTURE.put("automation", automation);
        FIXTURE.put("execution", execution);
        FIXTURE.put("run", "run-1");
        FIXTURE.put("nonce", UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    /** The matrix. Columns: ADMIN, MEMBER, VIEWER, OUTSIDER; every row also answers 401 without a key and with a bad one. */
    private static List<Row> matrix() {
        String e = "/api/v1/entities/{e}";
        String detector = e + "/registries/model/collections/detector";
        String net = e + "/projects/proj/collections/net";
        return List.of(
                // registry: entities, projects, registries, collections
                row("registry", REGISTRY, "GET", e, null).expect(200, 200, 200, 403),
                row("registry", REGISTRY, "POST", e + "/projects", body("name", "p-{who}"))
                        .ifDenied(absent(e + "/projects/p-{who}")).expect(201, 201, 403, 403),
                row("registry", REGISTRY, "GET", e + "/projects", null).expect(200, 200, 200, 403),
                row("registry", REGISTRY, "GET", e + "/projects/proj", null).expect(200, 200, 200, 403),
                row("registry", REGISTRY, "POST", e + "/registries", body("name", "r-{who}"))
                        .ifDenied(absent(e + "/registries/r-{who}")).expect(201, 201, 403, 403),
                row("registry", REGISTRY, "GET", e + "/registries", null).expect(200, 200, 200, 403),
                row("registry", REGISTRY, "POST", e + "/registries/model/collections", body("name", "c-{who}", "type", "model"))
                        .ifDenied(absent(e + "/registries/model/collections/c-{who}")).expect(201, 201, 403, 403),
                row("registry", REGISTRY, "GET", detector, null).expect(200, 200, 200, 403),
                row("registry", REGISTRY, "GET", detector + "/versions", null).expect(200, 200, 200, 403),
                row("registry", REGISTRY, "GET", detector + "/versions/{version}", null).expect(200, 200, 200, 403),
                // registry: artifacts, aliases, tags, links
                row("artifacts", REGISTRY, "POST", e + "/projects/proj/artifacts", body("collection", "net", "type", "model"))
                        .expect(201, 201, 403, 403),
                row("artifacts", REGISTRY, "GET", "/api/v1/artifacts/{artifact}", null).expect(200, 200, 200, 404),
                row("artifacts", REGISTRY, "POST", "/api/v1/artifacts/{artifact}/aliases", body("alias", "a-{who}"))
                        .expect(200, 200, 403, 404),
                row("artifacts", REGISTRY, "POST", "/api/v1/artifacts/{artifact}/tags", body("tag", "at-{who}"))
                        .expect(200, 200, 403, 404),
                row("artifacts", REGISTRY, "POST", net + "/versions/v0/tags", body("tag", "t-{who}"))
                        .expect(200, 200, 403, 403),
                row("artifacts", REGISTRY, "DELETE", net + "/versions/v0/tags/rm-{who}", null)
                        .prepare(who -> {
                            ApiClient.expect(200, root.post(REGISTRY, fill(net, Map.of("e", E)) + "/versions/v0/tags",
                                    Map.of("tag", "rm-" + who)), "tag");
                            return Map.of();
                        }).expect(204, 204, 403, 403),
                row("artifacts", REGISTRY, "POST", detector + "/versions/{version}/aliases", body("alias", "al-{who}"))
                        .expect(200, 200, 403, 403),
                row("artifacts", REGISTRY, "DELETE", detector + "/versions/{version}/aliases/rm-{who}", null)
                        .prepare(who -> {
                            ApiClient.expect(200, root.post(REGISTRY, fill(detector, Map.of("e", E)) + "/versions/"
                                    + FIXTURE.get("version") + "/aliases", Map.of("alias", "rm-" + who)), "alias");
                            return Map.of();
                        }).expect(204, 204, 403, 403),
                row("artifacts", REGISTRY, "POST", detector + "/links", body("artifactId", "{fresh}"))
                        .prepare(who -> Map.of("fresh", newArtifact())).expect(201, 201, 403, 403),
                row("artifacts", REGISTRY, "DELETE", detector + "/links/{linked}", null)
                        .prepare(who -> Map.of("linked", link(newArtifact()))).expect(204, 204, 403, 403),
                // registry: runs and history
                row("runs", REGISTRY, "POST", e + "/projects/proj/runs", body("id", "run-{who}", "name", "run-{who}"))
                        .ifDenied(absent(e + "/projects/proj/runs/run-{who}")).expect(201, 201, 403, 403),
                row("runs", REGISTRY, "GET", e + "/projects/proj/runs", null).expect(200, 200, 200, 403),
                row("runs", REGISTRY, "GET", e + "/projects/proj/runs/{run}", null).expect(200, 200, 200, 403),
                row("runs", REGISTRY, "PATCH", e + "/projects/proj/runs/{fresh}", body("state", "FINISHED"))
                        .prepare(who -> Map.of("fresh", newRun("patch-" + who))).expect(200, 200, 403, 403),
                row("runs", REGISTRY, "POST", e + "/projects/proj/runs/{run}/history",
                        Map.of("step", 1, "metrics", Map.of("loss_{who}", 0.5))).expect(202, 202, 403, 403),
                // members, users, keys, entities
                row("members", REGISTRY, "POST", e + "/members", body("user", "acl-new-{who}", "role", "VIEWER"))
                        .prepare(who -> {
                            root.createUser("acl-new-" + who);
                            return Map.of();
                        }).expect(201, 403, 403, 403),
                row("members", REGISTRY, "GET", e + "/members", null).expect(200, 403, 403, 403),
                row("members", REGISTRY, "DELETE", e + "/members/acl-gone-{who}", null)
                        .prepare(who -> {
                            root.createUser("acl-gone-" + who);
                            root.addMember(E, "acl-gone-" + who, "VIEWER");
                            return Map.of();
                        }).expect(204, 403, 403, 403),
                row("users", REGISTRY, "POST", "/api/v1/users", body("name", "acl-user-by-{who}"))
                        .expect(403, 403, 403, 403),
                row("users", REGISTRY, "GET", "/api/v1/users/me", null).expect(200, 200, 200, 200),
                row("users", REGISTRY, "POST", "/api/v1/api-keys", Map.of()).expect(201, 201, 201, 201),
                row("users", REGISTRY, "DELETE", "/api/v1/api-keys/{victimKeyId}", null)
                        .prepare(who -> {
                            String key = root.createUser("acl-victim-" + who);
                            String id = new ApiClient(suite, key).ok(REGISTRY, "/api/v1/api-keys").get(0).get("id").asText();
                            return Map.of("victimKeyId", id, "victimKey", key);
                        })
                        .ifDenied(vars -> assertThat(new ApiClient(suite, vars.get("victimKey")).get(REGISTRY, "/api/v1/users/me")
                                .statusCode()).as("someone else's key still works").isEqualTo(200))
                        .expect(404, 404, 404, 404),
                row("users", REGISTRY, "POST", "/api/v1/entities", body("name", "acl-own-{who}")).expect(201, 201, 201, 201),
                // automations
                row("automations", REGISTRY, "POST", e + "/automations", noOpAutomation("auto-{who}"))
                        .expect(201, 201, 403, 403),
                row("automations", REGISTRY, "GET", e + "/automations", null).expect(200, 200, 200, 403),
                row("automations", REGISTRY, "GET", e + "/automations/{automation}", null).expect(200, 200, 200, 403),
                row("automations", REGISTRY, "PUT", e + "/automations/{fresh}", noOpAutomation("put-{who}-renamed"))
                        .prepare(who -> Map.of("fresh", newAutomation("put-" + who))).expect(200, 200, 403, 403),
                row("automations", REGISTRY, "PATCH", e + "/automations/{fresh}", Map.of("enabled", false))
                        .prepare(who -> Map.of("fresh", newAutomation("patch-" + who))).expect(200, 200, 403, 403),
                row("automations", REGISTRY, "DELETE", e + "/automations/{fresh}", null)
                        .prepare(who -> Map.of("fresh", newAutomation("delete-" + who))).expect(204, 204, 403, 403),
                // integrations (registry-service; the test call is action-service's)
                row("integrations", REGISTRY, "POST", e + "/integrations", webhook("i-{who}"))
                        .ifDenied(absent(e + "/integrations/i-{who}")).expect(201, 403, 403, 403),
                row("integrations", REGISTRY, "GET", e + "/integrations", null).expect(200, 200, 200, 403),
                row("integrations", REGISTRY, "GET", e + "/integrations/hook", null).expect(200, 200, 200, 403),
                row("integrations", REGISTRY, "PUT", e + "/integrations/put-{who}", webhook("put-{who}"))
                        .prepare(who -> {
                            root.created(REGISTRY, "/api/v1/entities/" + E + "/integrations", webhook("put-" + who));
                            return Map.of();
                        }).expect(200, 403, 403, 403),
                row("integrations", REGISTRY, "DELETE", e + "/integrations/delete-{who}", null)
                        .prepare(who -> {
                            root.created(REGISTRY, "/api/v1/entities/" + E + "/integrations", webhook("delete-" + who));
                            return Map.of();
                        }).expect(204, 403, 403, 403),
                row("integrations", ACTION, "POST", e + "/integrations/hook/test", Map.of("payload", Map.of("by", "{who}")))
                        .expect(200, 403, 403, 403),
                // secrets (secrets-service)
                row("secrets", SECRETS, "POST", e + "/secrets", body("name", "S_{who}", "value", "value-of-{who}"))
                        .ifDenied(vars -> assertThat(secretNames()).doesNotContain("S_" + vars.get("who")))
                        .expect(201, 403, 403, 403),
                row("secrets", SECRETS, "GET", e + "/secrets", null).expect(200, 200, 403, 403),
                row("secrets", SECRETS, "PUT", e + "/secrets/ROT_{who}", body("value", "rotated-by-{who}"))
                        .prepare(who -> newSecret("ROT_" + who)).expect(200, 403, 403, 403),
                row("secrets", SECRETS, "DELETE", e + "/secrets/DEL_{who}", null)
                        .prepare(who -> newSecret("DEL_" + who))
                        .ifDenied(vars -> assertThat(secretNames()).contains("DEL_" + vars.get("who")))
                        .expect(204, 403, 403, 403),
                row("secrets", SECRETS, "GET", e + "/secrets/audit", null).expect(200, 403, 403, 403),
                // executions (action-service)
                row("executions", ACTION, "GET", e + "/automations/{automation}/executions", null).expect(200, 200, 200, 403),
                row("executions", ACTION, "GET", "/api/v1/executions/{execution}", null).expect(200, 200, 200, 404),
                row("executions", ACTION, "POST", "/api/v1/executions/{execution}/redeliver", null)
                        .prepare(who -> {
                            awaitSettled(FIXTURE.get("execution"));
                            return Map.of();
                        }).expect(202, 202, 403, 404),
                // trigger-service
                row("trigger", TRIGGER, "POST", e + "/automations/{automation}/dry-run", Map.of("event", tagEvent("dry-{who}-{nonce}", "fire")))
                        .expect(200, 200, 403, 403),
                row("trigger", TRIGGER, "POST", "/api/v1/events", tagEvent("ingest-{who}-{nonce}", "ingested-{who}"))
                        .expect(202, 202, 403, 403));
    }

    @TestFactory
    Stream<DynamicContainer> roleByEndpointFamily() {
        return matrix().stream().map(row -> dynamicContainer(row.family + ": " + row.method + " " + row.path,
                Stream.of(Caller.values()).map(caller -> dynamicTest(caller + " gets " + row.expected.get(caller),
                        () -> check(row, caller)))));
    }

    @Test
    void onlyTheBootstrapAdminCreatesUsers() {
        JsonNode user = root.created(REGISTRY, "/api/v1/users", Map.of("name", "acl-made-by-bootstrap"));
        ApiClient made = new ApiClient(suite, user.get("apiKey").asText());
        assertThat(made.ok(REGISTRY, "/api/v1/users/me").get("name").asText()).isEqualTo("acl-made-by-bootstrap");
        assertThat(made.post(REGISTRY, "/api/v1/users", Map.of("name", "acl-made-by-user")).statusCode()).isEqualTo(403);
        assertThat(root.post(REGISTRY, "/api/v1/users", Map.of("name", "acl-made-by-bootstrap")).statusCode())
                .as("user names are unique").isEqualTo(409);
    }

    @Test
    void internalEndpointsAcceptOnlyTheServicesMeantToCallThem() {
        record Internal(String service, String method, String path, Object body) {
        }
        String entity = "/internal/v1/entities/" + E;
        List<Internal> endpoints = List.of(
                new Internal(REGISTRY, "POST", "/internal/v1/auth/introspect", Map.of("apiKey", suite.adminKey())),
                new Internal(REGISTRY, "GET", "/internal/v1/automations/" + FIXTURE.get("automation"), null),
                new Internal(REGISTRY, "GET", entity + "/integrations/hook", null),
                new Internal(REGISTRY, "POST", entity + "/integrations/hook/disable", Map.of("reason", "forged")),
                new Internal(REGISTRY, "GET", entity + "/secret-references/HOOK_TOKEN", null),
                new Internal(SECRETS, "POST", entity + "/secrets/resolve", Map.of("names", List.of("HOOK_TOKEN"))),
                new Internal(SECRETS, "GET", entity + "/secrets/HOOK_TOKEN", null));
        Map<String, ApiClient> strangers = new LinkedHashMap<>();
        strangers.put("no key", CALLERS.get(Caller.NO_KEY));
        strangers.put("the bootstrap admin's API key", root);
        strangers.put("an entity admin's API key", CALLERS.get(Caller.ADMIN));
        strangers.put("an unknown key", CALLERS.get(Caller.BAD_KEY));
        List<String> failures = new ArrayList<>();
        for (Internal endpoint : endpoints) {
            strangers.forEach((who, client) -> {
                Response response = client.call(endpoint.service, endpoint.method, endpoint.path, endpoint.body);
                if (response.statusCode() != 401 || response.asString().contains(FIXTURE.get("tokenValue"))) {
                    failures.add(endpoint.method + " " + endpoint.path + " with " + who + " -> " + response.statusCode()
                            + " " + response.asString());
                }
            });
        }
        assertThat(failures).isEmpty();
        assertThat(root.ok(REGISTRY, "/api/v1/entities/" + E + "/integrations/hook").path("disabled").asBoolean(false))
                .as("the forged disable changed nothing").isFalse();

        // Service tokens: action-service resolves secret values for deliveries and registry-service for its sources'
        // signatures (secrets-service's resolve-callers); no other service does; a service token is no API key.
        ApiClient registryService = new ApiClient(suite, suite.serviceToken(REGISTRY));
        ApiClient triggerService = new ApiClient(suite, suite.serviceToken(TRIGGER));
        ApiClient actionService = new ApiClient(suite, suite.serviceToken(ACTION));
        Map<String, Object> resolve = Map.of("names", List.of("HOOK_TOKEN"));
        assertThat(registryService.post(SECRETS, entity + "/secrets/resolve", resolve).statusCode()).isEqualTo(200);
        assertThat(triggerService.post(SECRETS, entity + "/secrets/resolve", resolve).statusCode()).isEqualTo(403);
        JsonNode resolved = ApiClient.expect(200, actionService.post(SECRETS, entity + "/secrets/resolve", resolve), "resolve");
        assertThat(resolved.get("values").get("HOOK_TOKEN").asText()).isEqualTo(FIXTURE.get("tokenValue"));
        assertThat(registryService.get(SECRETS, entity + "/secrets/HOOK_TOKEN").statusCode()).isEqualTo(200);
        assertThat(triggerService.post(REGISTRY, "/internal/v1/auth/introspect", Map.of("apiKey", suite.adminKey()))
                .statusCode()).isEqualTo(200);
        for (String service : Suite.SERVICES) {
            assertThat(actionService.get(service, "/api/v1/entities/" + E).statusCode())
                    .as("action-service's token on %s's public API", service).isEqualTo(401);
        }
    }

    /** Without access, an entity's things look exactly like things that do not exist: no existence oracle. */
    @Test
    void noAccessLooksLikeNothingThere() {
        ApiClient outsider = CALLERS.get(Caller.OUTSIDER);
        String missingEntity = "acl-never-created";
        String missingId = UUID.randomUUID().toString();
        record Probe(String service, String existing, String missing, String existingName, String missingName) {
        }
        List<Probe> probes = List.of(
                new Probe(REGISTRY, "/api/v1/entities/" + E, "/api/v1/entities/" + missingEntity, E, missingEntity),
                new Probe(REGISTRY, "/api/v1/entities/" + E + "/automations/" + FIXTURE.get("automation"),
                        "/api/v1/entities/" + missingEntity + "/automations/" + missingId, E, missingEntity),
                new Probe(SECRETS, "/api/v1/entities/" + E + "/secrets", "/api/v1/entities/" + missingEntity + "/secrets",
                        E, missingEntity),
                new Probe(REGISTRY, "/api/v1/artifacts/" + FIXTURE.get("artifact"), "/api/v1/artifacts/" + missingId,
                        FIXTURE.get("artifact"), missingId),
                new Probe(ACTION, "/api/v1/executions/" + FIXTURE.get("execution"), "/api/v1/executions/" + missingId,
                        FIXTURE.get("execution"), missingId));
        for (Probe probe : probes) {
            Response existing = outsider.get(probe.service, probe.existing);
            Response missing = outsider.get(probe.service, probe.missing);
            assertThat(existing.statusCode()).as("%s vs %s", probe.existing, probe.missing).isEqualTo(missing.statusCode());
            assertThat(existing.asString().replace(probe.existingName, "X"))
                    .isEqualTo(missing.asString().replace(probe.missingName, "X"));
        }
    }

    @Test
    void aRevokedKeyIsRefusedByEveryService() {
        ApiClient holder = new ApiClient(suite, root.createUser("acl-revoker"));
        root.addMember(E, "acl-revoker", "VIEWER");
        JsonNode second = holder.created(REGISTRY, "/api/v1/api-keys", Map.of());
        ApiClient revoked = new ApiClient(suite, second.get("apiKey").asText());
        Map<String, String> probes = Map.of(
                REGISTRY, "/api/v1/entities/" + E,
                TRIGGER, "/api/v1/entities/" + E + "/automations/" + FIXTURE.get("automation") + "/dry-run",
                ACTION, "/api/v1/executions/" + FIXTURE.get("execution"),
                SECRETS, "/api/v1/entities/" + E + "/secrets");
        assertThat(revoked.get(REGISTRY, probes.get(REGISTRY)).statusCode()).isEqualTo(200);
        assertThat(revoked.get(ACTION, probes.get(ACTION)).statusCode()).isEqualTo(200);
        assertThat(revoked.get(SECRETS, probes.get(SECRETS)).statusCode()).as("a VIEWER lists no secret names").isEqualTo(403);
        assertThat(revoked.post(TRIGGER, probes.get(TRIGGER), Map.of("event", fill(tagEvent("revoked", "fire"))))
                .statusCode()).as("a VIEWER does not dry-run").isEqualTo(403);

        assertThat(holder.delete(REGISTRY, "/api/v1/api-keys/" + second.get("id").asText()).statusCode()).isEqualTo(204);

        // Other services reuse an introspection answer for up to automations.auth.cache-ttl (10 s).
        probes.forEach((service, path) -> await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Response response = revoked.call(service, TRIGGER.equals(service) ? "POST" : "GET", path,
                            TRIGGER.equals(service) ? Map.of("event", fill(tagEvent("revoked", "fire"))) : null);
                    assertThat(response.statusCode()).as("%s %s", service, response.asString()).isEqualTo(401);
                }));
        assertThat(holder.get(REGISTRY, probes.get(REGISTRY)).statusCode()).as("the holder's other key still works")
                .isEqualTo(200);
    }

    @Test
    void aDemotedMemberLosesWritesInEveryService() {
        ApiClient demoted = new ApiClient(suite, root.createUser("acl-demoted"));
        root.addMember(E, "acl-demoted", "MEMBER");
        String dryRun = "/api/v1/entities/" + E + "/automations/" + FIXTURE.get("automation") + "/dry-run";
        Object dryRunBody = Map.of("event", fill(tagEvent("demoted", "fire")));
        assertThat(demoted.post(TRIGGER, dryRun, dryRunBody).statusCode()).isEqualTo(200);
        assertThat(demoted.get(SECRETS, "/api/v1/entities/" + E + "/secrets").statusCode()).isEqualTo(200);

        root.addMember(E, "acl-demoted", "VIEWER");
        assertThat(demoted.post(REGISTRY, "/api/v1/entities/" + E + "/automations", noOpAutomation("by-demoted"))
                .statusCode()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(demoted.post(TRIGGER, dryRun, dryRunBody).statusCode()).isEqualTo(403);
            assertThat(demoted.get(SECRETS, "/api/v1/entities/" + E + "/secrets").statusCode()).isEqualTo(403);
        });

        assertThat(root.delete(REGISTRY, "/api/v1/entities/" + E + "/members/acl-demoted").statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(demoted.get(REGISTRY, "/api/v1/entities/" + E).statusCode()).isEqualTo(403);
            assertThat(demoted.get(ACTION, "/api/v1/executions/" + FIXTURE.get("execution")).statusCode()).isEqualTo(404);
        });
    }

    private static void check(Row row, Caller caller) {
        Map<String, String> vars = new HashMap<>(FIXTURE);
        vars.put("who", caller.tag());
        vars.putAll(row.prepare.apply(caller.tag()));
        String path = fill(row.path, vars);
        Object body = row.body == null ? null : fill(row.body, vars);
        Response response = CALLERS.get(caller).call(row.service, row.method, path, body);
        int expected = row.expected.get(caller);
        assertThat(response.statusCode()).as("%s %s%s as %s -> %s", row.method, row.service, path, caller,
                response.asString()).isEqualTo(expected);
        if (expected >= 400) {
            JsonNode error = ApiClient.read(response.asString());
            assertThat(error.path("error").asText()).as("contract error body: %s", response.asString())
                    .isEqualTo(switch (expected) {
                        case 401 -> "UNAUTHORIZED";
                        case 403 -> "FORBIDDEN";
                        case 404 -> "NOT_FOUND";
                        default -> throw new IllegalStateException("no denial status " + expected);
                    });
            assertThat(error.path("message").asText()).isNotBlank();
            row.ifDenied.accept(vars);
        }
    }

    // ---- the table's vocabulary

    private static final class Row {
        final String family;
        final String service;
        final String method;
        final String path;
        final Object body;
        final Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        Function<String, Map<String, String>> prepare = who -> Map.of();
        Consumer<Map<String, String>> ifDenied = vars -> {
        };

        Row(String family, String service, String method, String path, Object body) {
            this.family = family;
            this.service = service;
            this.method = method;
            this.path = path;
            this.body = body;
        }

        /** Done as the bootstrap admin before each call: creates what the caller acts on; gives more placeholders. */
        Row prepare(Function<String, Map<String, String>> prepare) {
            this.prepare = prepare;
            return this;
        }

        /** Checked after a denied call: it changed nothing. */
        Row ifDenied(Consumer<Map<String, String>> check) {
            this.ifDenied = check;
            return this;
        }

        Row expect(int admin, int member, int viewer, int outsider) {
            expected.put(Caller.ADMIN, admin);
            expected.put(Caller.MEMBER, member);
            expected.put(Caller.VIEWER, viewer);
            expected.put(Caller.OUTSIDER, outsider);
            expected.put(Caller.NO_KEY, 401);
            expected.put(Caller.BAD_KEY, 401);
            return this;
        }
    }

    private static Row row(String family, String service, String method, String path, Object body) {
        return new Row(family, service, method, path, body);
    }

    private static Map<String, Object> body(String... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    private static Consumer<Map<String, String>> absent(String path) {
        return vars -> assertThat(root.get(REGISTRY, fill(path, vars)).statusCode())
                .as("%s after a denied create", fill(path, vars)).isEqualTo(404);
    }

    /** Replaces {@code {name}} (not {@code ${name}}, a payload variable) in strings, map keys and values. */
    @SuppressWarnings("unchecked")
    private static <T> T fill(T value, Map<String, String> vars) {
        if (value instanceof String text) {
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = vars.get(m.group(1));
                if (replacement == null) {
                    throw new IllegalArgumentException("no value for {" + m.group(1) + "} in " + text);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return (T) out.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(fill((String) k, vars), fill(v, vars)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(fill(v, vars)));
            return (T) out;
        }
        return value;
    }

    private static <T> T fill(T value) {
        Map<String, String> vars = new HashMap<>(FIXTURE);
        vars.put("who", "test");
        return fill(value, vars);
    }

    private static Map<String, Object> webhook(String name) {
        return Map.of("kind", "webhook", "name", name, "url", receiver.baseUrl() + "/acl/" + name,
                "accessTokenSecret", "HOOK_TOKEN");
    }

    private static Map<String, Object> noOpAutomation(String name) {
        return Map.of("name", name,
                "scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "detector"),
                "event", Map.of("type", "ADD_ARTIFACT_TAG", "filter", Map.of("tagRegex", "^never$")),
                "action", Map.of("type", "NO_OP"));
    }

    /** An ADD_ARTIFACT_TAG CloudEvent on the entity's registry collection (placeholders filled per caller). */
    private static Map<String, Object> tagEvent(String id, String tag) {
        return Map.of("specversion", "1.0", "id", id, "source", "/e2e/access-control",
                "type", "ai.automations.ADD_ARTIFACT_TAG", "datacontenttype", "application/json",
                "data", Map.of("entity", "{e}", "registry", "model", "collection", "detector", "version", "{version}",
                        "versionIndex", 0, "tag", tag, "author", "acl"));
    }

    private static String newArtifact() {
        return root.created(REGISTRY, "/api/v1/entities/" + E + "/projects/proj/artifacts",
                Map.of("collection", "net", "type", "model")).get("id").asText();
    }

    private static String link(String artifactId) {
        return root.created(REGISTRY, "/api/v1/entities/" + E + "/registries/model/collections/detector/links",
                Map.of("artifactId", artifactId)).get("version").asText();
    }

    private static String newRun(String id) {
        return root.created(REGISTRY, "/api/v1/entities/" + E + "/projects/proj/runs", Map.of("id", id, "name", id))
                .get("id").asText();
    }

    private static String newAutomation(String name) {
        return root.created(REGISTRY, "/api/v1/entities/" + E + "/automations", noOpAutomation(name)).get("id").asText();
    }

    private static Map<String, String> newSecret(String name) {
        root.created(SECRETS, "/api/v1/entities/" + E + "/secrets", Map.of("name", name, "value", "v-" + name));
        return Map.of();
    }

    private static List<String> secretNames() {
        List<String> names = new ArrayList<>();
        root.ok(SECRETS, "/api/v1/entities/" + E + "/secrets").forEach(s -> names.add(s.get("name").asText()));
        return names;
    }

    /** Redelivery is refused (409) while an execution is pending: wait for the previous one to finish. */
    private static void awaitSettled(String execution) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() ->
                !"PENDING".equals(root.ok(ACTION, "/api/v1/executions/" + execution).path("status").asText()));
    }
}
