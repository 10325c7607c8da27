package ai.automations.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;

import ai.automations.common.auth.Role;
import ai.automations.common.testing.InjectRegistryDouble;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.secrets.support.ChangeNotices;
import ai.automations.secrets.support.LogCapture;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The secrets API's behaviour, whatever the value store: each backend runs this same suite through a subclass
 * (database: {@code DatabaseBackendTest}; vault: {@code VaultBackendTest}, against a Vault-shaped HTTP double).
 */
public abstract class SecretsApiContract {

    protected static final String ACME = "acme";
    protected static final String GLOBEX = "globex";
    protected static final String ACTION_SERVICE_TOKEN = "local-action-service-token";
    protected static final String REGISTRY_SERVICE_TOKEN = "local-registry-service-token";
    /** A trusted service that is not a resolve caller (registry-service is one: it verifies its sources' webhooks). */
    protected static final String TRIGGER_SERVICE_TOKEN = "local-trigger-service-token";

    @InjectRegistryDouble
    protected WireMockServer registry;

    @BeforeEach
    void noIntegrationReferencesByDefault() {
        registry.stubFor(get(urlPathMatching("/internal/v1/entities/[^/]+/secret-references/.+")).atPriority(10)
                .willReturn(okJson("{\"integrations\":[]}")));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    protected static String name(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    protected static String value() {
        return "sv" + UUID.randomUUID().toString().replace("-", "");
    }

    protected static RequestSpecification as(String apiKey) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        return apiKey == null ? spec : spec.header("Authorization", "Bearer " + apiKey);
    }

    protected static String admin(String entity) {
        return RegistryDouble.keyFor(Role.ADMIN, entity);
    }

    protected static String secrets(String entity) {
        return "/api/v1/entities/" + entity + "/secrets";
    }

    protected static Response create(String entity, String name, String value) {
        return as(admin(entity)).body(Map.of("name", name, "value", value)).post(secrets(entity));
    }

    protected static void created(String entity, String name, String value) {
        create(entity, name, value).then().statusCode(201);
    }

    protected static Response resolve(String entity, String serviceToken, List<String> names) {
        return as(serviceToken).body(Map.of("names", names, "automationId", "auto-1", "executionId", "exec-1"))
                .post("/internal/v1/entities/" + entity + "/secrets/resolve");
    }

    protected static Map<String, Object> resolved(String entity, String... names) {
        return resolve(entity, ACTION_SERVICE_TOKEN, List.of(names)).then().statusCode(200)
                .extract().jsonPath().getMap("values");
    }

    protected static List<Map<String, Object>> audit(String entity, String secret) {
        return as(admin(entity)).queryParam("secret", secret).get(secrets(entity) + "/audit")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    // ---- lifecycle -----------------------------------------------------------------------------------------------

    @Test
    void createListRotateResolveDelete() {
        String name = name("TOKEN");
        String first = value();
        String second = value();

        Response createdResponse = create(ACME, name, first);
        createdResponse.then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith(secrets(ACME) + "/" + name))
                .body("name", equalTo(name)).body("version", equalTo(1))
                .body("createdAt", notNullValue()).body("updatedAt", notNullValue());
        assertThat(createdResponse.asString()).doesNotContain(first).doesNotContain("value");

        as(admin(ACME)).get(secrets(ACME)).then().statusCode(200)
                .body("name", hasItem(name))
                .body("find { it.name == '" + name + "' }.version", equalTo(1));
        assertThat(resolved(ACME, name)).containsEntry(name, first);

        Response rotated = as(admin(ACME)).body(Map.of("value", second)).put(secrets(ACME) + "/" + name);
        rotated.then().statusCode(200).body("name", equalTo(name)).body("version", equalTo(2))
                .body("createdAt", equalTo(createdResponse.jsonPath().getString("createdAt")));
        assertThat(rotated.asString()).doesNotContain(second).doesNotContain(first);
        assertThat(resolved(ACME, name)).containsEntry(name, second);

        as(admin(ACME)).delete(secrets(ACME) + "/" + name).then().statusCode(204);
        as(admin(ACME)).get(secrets(ACME)).then().statusCode(200).body("name", not(hasItem(name)));
        resolve(ACME, ACTION_SERVICE_TOKEN, List.of(name)).then().statusCode(200)
                .body("values", equalTo(Map.of())).body("missing", equalTo(List.of(name)));

        // The name is free again after a delete, starting over at version 1.
        create(ACME, name, first).then().statusCode(201).body("version", equalTo(1));
        assertThat(resolved(ACME, name)).containsEntry(name, first);
    }

    @Test
    void duplicateNameIs409AndKeepsTheOriginalValue() {
        String name = name("DUP");
        String original = value();
        created(ACME, name, original);

        create(ACME, name, value()).then().statusCode(409)
                .body("error", equalTo("CONFLICT")).body("field", equalTo("name"));
        assertThat(resolved(ACME, name)).containsEntry(name, original);
        assertThat(audit(ACME, name)).extracting(e -> e.get("action")).containsExactly("RESOLVE", "CREATE");
    }

    @Test
    void rotatingOrDeletingAnUnknownSecretIs404() {
        String name = name("NOPE");
        as(admin(ACME)).body(Map.of("value", value())).put(secrets(ACME) + "/" + name)
                .then().statusCode(404).body("error", equalTo("NOT_FOUND"));
        as(admin(ACME)).delete(secrets(ACME) + "/" + name).then().statusCode(404).body("error", equalTo("NOT_FOUND"));
    }

    @Test
    void badInputGetsAClear4xxAndWritesNothing() {
        int before = as(admin(ACME)).get(secrets(ACME)).then().statusCode(200).extract().jsonPath().getList("$").size();
        String tooLong = "A".repeat(129);
        for (String bad : List.of("1TOKEN", "my-token", "my token", "tökén", tooLong, "")) {
            create(ACME, bad, value()).then().statusCode(400)
                    .body("error", equalTo("BAD_REQUEST")).body("field", equalTo("name"));
        }
        as(admin(ACME)).body(Map.of("name", name("NOVALUE"))).post(secrets(ACME))
                .then().statusCode(400).body("field", equalTo("value"));
        as(admin(ACME)).body(Map.of("name", name("EMPTY"), "value", "")).post(secrets(ACME))
                .then().statusCode(400).body("field", equalTo("value"));
        as(admin(ACME)).body("{\"name\":\"X\",\"value\":").post(secrets(ACME))
                .then().statusCode(400).body("error", equalTo("BAD_REQUEST"));
        as(admin(ACME)).body("{\"name\":\"X\",\"value\":{\"nested\":true}}").post(secrets(ACME))
                .then().statusCode(400).body("error", equalTo("BAD_REQUEST"));
        as(admin(ACME)).body(Map.of("name", name("HUGE"), "value", "x".repeat(65_537))).post(secrets(ACME))
                .then().statusCode(413).body("error", equalTo("TOO_LARGE"));
        as(admin(ACME)).body(Map.of("name", name("CHARS"), "value", "x")).header("Content-Type", "text/plain")
                .post(secrets(ACME)).then().statusCode(415);
        as(admin("acme")).queryParam("size", "0").get(secrets(ACME) + "/audit").then().statusCode(400)
                .body("field", equalTo("size"));

        String name = name("ROT");
        String original = value();
        created(ACME, name, original);
        as(admin(ACME)).body(Map.of()).put(secrets(ACME) + "/" + name).then().statusCode(400).body("field", equalTo("value"));
        as(admin(ACME)).body(Map.of("value", value())).put(secrets(ACME) + "/bad-name").then().statusCode(400)
                .body("field", equalTo("name"));
        assertThat(resolved(ACME, name)).containsEntry(name, original);
        as(admin(ACME)).get(secrets(ACME)).then().statusCode(200).body("size()", equalTo(before + 1));
        as(admin(ACME)).get(secrets(ACME)).then().body("find { it.name == '" + name + "' }.version", equalTo(1));
    }

    @Test
    void concurrentCreatesAndRotationsSerialize() {
        String name = name("RACE");
        List<String> candidates = List.of(value(), value(), value(), value());
        List<Response> creates = parallel(candidates.stream()
                .map(v -> (java.util.function.Supplier<Response>) () -> create(ACME, name, v)).toList());
        assertThat(creates).extracting(Response::statusCode).containsOnly(201, 409)
                .filteredOn(status -> status == 201).hasSize(1);
        String winner = candidates.get(creates.stream().map(Response::statusCode).toList().indexOf(201));
        assertThat(resolved(ACME, name)).containsEntry(name, winner);

        List<String> rotations = List.of(value(), value(), value(), value(), value());
        List<Response> rotated = parallel(rotations.stream().map(v -> (java.util.function.Supplier<Response>) () ->
                as(admin(ACME)).body(Map.of("value", v)).put(secrets(ACME) + "/" + name)).toList());
        assertThat(rotated).extracting(Response::statusCode).containsOnly(200);
        assertThat(rotated).extracting(r -> r.jsonPath().getInt("version")).containsExactlyInAnyOrder(2, 3, 4, 5, 6);
        String last = rotations.get(rotated.stream().map(r -> r.jsonPath().getInt("version")).toList().indexOf(6));
        assertThat(resolved(ACME, name)).containsEntry(name, last);
    }

    private static List<Response> parallel(List<java.util.function.Supplier<Response>> calls) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(calls.size());
        try {
            List<java.util.concurrent.CompletableFuture<Response>> futures = calls.stream()
                    .map(call -> java.util.concurrent.CompletableFuture.supplyAsync(call, pool)).toList();
            return futures.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aSecretMayBeNamedLikeTheAuditPath() {
        created(ACME, "audit", value());
        String rotatedTo = value();
        as(admin(ACME)).body(Map.of("value", rotatedTo)).put(secrets(ACME) + "/audit").then().statusCode(200)
                .body("version", equalTo(2));
        assertThat(resolved(ACME, "audit")).containsEntry("audit", rotatedTo);
        as(admin(ACME)).delete(secrets(ACME) + "/audit").then().statusCode(204);
    }

    // ---- access control ------------------------------------------------------------------------------------------

    @Test
    void roleMatrix() {
        String viewer = RegistryDouble.keyFor(Role.VIEWER, ACME);
        String member = RegistryDouble.keyFor(Role.MEMBER, ACME);
        String admin = admin(ACME);
        String otherAdmin = admin(GLOBEX);
        String name = name("MATRIX");
        created(ACME, name, value());

        record Call(String label, java.util.function.Function<RequestSpecification, Response> call) {
        }
        String path = secrets(ACME) + "/" + name;
        List<Call> calls = List.of(
                new Call("list", spec -> spec.get(secrets(ACME))),
                new Call("create", spec -> spec.body(Map.of("name", name("M"), "value", value())).post(secrets(ACME))),
                new Call("rotate", spec -> spec.body(Map.of("value", value())).put(path)),
                new Call("audit", spec -> spec.get(secrets(ACME) + "/audit")));
        Map<String, int[]> expected = Map.of(
                // list, create, rotate, audit
                "none", new int[] { 401, 401, 401, 401 },
                "bad-key", new int[] { 401, 401, 401, 401 },
                "viewer", new int[] { 403, 403, 403, 403 },
                "member", new int[] { 200, 403, 403, 403 },
                "other-entity-admin", new int[] { 403, 403, 403, 403 },
                "admin", new int[] { 200, 201, 200, 200 },
                "global-admin", new int[] { 200, 201, 200, 200 });
        Map<String, String> keys = new java.util.HashMap<>();
        keys.put("none", null);
        keys.put("bad-key", "not-a-key");
        keys.put("viewer", viewer);
        keys.put("member", member);
        keys.put("other-entity-admin", otherAdmin);
        keys.put("admin", admin);
        keys.put("global-admin", RegistryDouble.ADMIN_KEY);

        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, int[]> row : expected.entrySet()) {
            for (int i = 0; i < calls.size(); i++) {
                Response response = calls.get(i).call().apply(as(keys.get(row.getKey())));
                if (response.statusCode() != row.getValue()[i]) {
                    mismatches.add(row.getKey() + " " + calls.get(i).label() + ": " + response.statusCode() + " (expected "
                            + row.getValue()[i] + ")");
                }
                if (response.statusCode() >= 400) {
                    assertThat(response.jsonPath().getString("error")).isIn("UNAUTHORIZED", "FORBIDDEN");
                }
            }
        }
        for (String key : List.of("none", "viewer", "member", "other-entity-admin")) {
            int status = as(keys.get(key)).delete(path).statusCode();
            if (status != (key.equals("none") ? 401 : 403)) {
                mismatches.add(key + " delete: " + status);
            }
        }
        assertThat(mismatches).isEmpty();
        as(admin).delete(path).then().statusCode(204);
    }

    @Test
    void entitiesAreIsolated() {
        String name = name("ACME_ONLY");
        String acmeValue = value();
        created(ACME, name, acmeValue);

        as(admin(GLOBEX)).get(secrets(ACME)).then().statusCode(403);
        as(admin(GLOBEX)).body(Map.of("value", value())).put(secrets(ACME) + "/" + name).then().statusCode(403);
        as(admin(GLOBEX)).delete(secrets(ACME) + "/" + name).then().statusCode(403);
        as(admin(GLOBEX)).get(secrets(GLOBEX)).then().statusCode(200).body("name", not(hasItem(name)));
        // A secret of the same name in globex is another secret.
        String globexValue = value();
        created(GLOBEX, name, globexValue);
        assertThat(resolved(GLOBEX, name)).containsEntry(name, globexValue);
        assertThat(resolved(ACME, name)).containsEntry(name, acmeValue);
        // Resolving in globex never finds acme's.
        String acmeOnly = name("ACME_ONLY");
        created(ACME, acmeOnly, value());
        resolve(GLOBEX, ACTION_SERVICE_TOKEN, List.of(acmeOnly)).then().statusCode(200)
                .body("values", equalTo(Map.of())).body("missing", equalTo(List.of(acmeOnly)));
        // And users cannot reach the internal endpoints at all.
        resolve(ACME, admin(ACME), List.of(name)).then().statusCode(401);
        resolve(ACME, RegistryDouble.ADMIN_KEY, List.of(name)).then().statusCode(401);
    }

    @Test
    void onlyTheResolveCallersMayResolve() {
        String name = name("RESOLVE");
        String secretValue = value();
        created(ACME, name, secretValue);

        Response forTrigger = resolve(ACME, TRIGGER_SERVICE_TOKEN, List.of(name));
        forTrigger.then().statusCode(403).body("error", equalTo("FORBIDDEN"));
        assertThat(forTrigger.asString()).doesNotContain(secretValue);
        resolve(ACME, REGISTRY_SERVICE_TOKEN, List.of(name)).then().statusCode(200)
                .header("Cache-Control", "no-store").body("values." + name, equalTo(secretValue));
        resolve(ACME, null, List.of(name)).then().statusCode(401);
        resolve(ACME, "not-a-service-token", List.of(name)).then().statusCode(401);

        String missing = name("MISSING");
        resolve(ACME, ACTION_SERVICE_TOKEN, List.of(name, missing, "not a name")).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("values." + name, equalTo(secretValue))
                .body("missing", equalTo(List.of(missing, "not a name")));
    }

    @Test
    void internalMetadataForTheSuite() {
        String name = name("META");
        String secretValue = value();
        created(ACME, name, secretValue);
        Response meta = as(REGISTRY_SERVICE_TOKEN).get("/internal/v1/entities/acme/secrets/" + name);
        meta.then().statusCode(200).body("name", equalTo(name)).body("version", equalTo(1));
        assertThat(meta.asString()).doesNotContain(secretValue);
        as(REGISTRY_SERVICE_TOKEN).get("/internal/v1/entities/globex/secrets/" + name).then().statusCode(404)
                .body("error", equalTo("NOT_FOUND"));
        as(null).get("/internal/v1/entities/acme/secrets/" + name).then().statusCode(401);
        as(admin(ACME)).get("/internal/v1/entities/acme/secrets/" + name).then().statusCode(401);
    }

    // ---- delete while referenced ---------------------------------------------------------------------------------

    @Test
    void deleteIsRefusedWhileAnIntegrationReferencesTheSecret() {
        String name = name("USED");
        String secretValue = value();
        created(ACME, name, secretValue);
        String references = "/internal/v1/entities/acme/secret-references/" + name;
        registry.stubFor(get(urlPathEqualTo(references)).atPriority(1)
                .willReturn(okJson("{\"integrations\":[\"ci\",\"deploy bot\"]}")));

        as(admin(ACME)).delete(secrets(ACME) + "/" + name).then().statusCode(409)
                .body("error", equalTo("CONFLICT")).body("message", org.hamcrest.Matchers.containsString("ci"));
        assertThat(resolved(ACME, name)).containsEntry(name, secretValue);
        registry.verify(getRequestedFor(urlPathEqualTo(references))
                .withHeader("Authorization", WireMock.equalTo("Bearer local-secrets-service-token")));

        // Fails closed: when registry-service errs or is unreachable, nothing is deleted.
        registry.stubFor(get(urlPathEqualTo(references)).atPriority(1).willReturn(aResponse().withStatus(500)));
        as(admin(ACME)).delete(secrets(ACME) + "/" + name).then().statusCode(503).body("error", equalTo("UNAVAILABLE"));
        registry.stubFor(get(urlPathEqualTo(references)).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        as(admin(ACME)).delete(secrets(ACME) + "/" + name).then().statusCode(503).body("error", equalTo("UNAVAILABLE"));
        assertThat(resolved(ACME, name)).containsEntry(name, secretValue);

        registry.stubFor(get(urlPathEqualTo(references)).atPriority(1).willReturn(okJson("{\"integrations\":[]}")));
        as(admin(ACME)).delete(secrets(ACME) + "/" + name).then().statusCode(204);
        assertThat(audit(ACME, name)).extracting(entry -> entry.get("action")).containsExactly("DELETE", "RESOLVE",
                "RESOLVE", "CREATE");
    }

    // ---- audit ---------------------------------------------------------------------------------------------------

    @Test
    void everyOperationIsAuditedNewestFirst() {
        String name = name("AUDITED");
        created(ACME, name, value());
        as(admin(ACME)).body(Map.of("value", value())).put(secrets(ACME) + "/" + name).then().statusCode(200);
        resolved(ACME, name);
        as(admin(ACME)).delete(secrets(ACME) + "/" + name).then().statusCode(204);

        List<Map<String, Object>> entries = audit(ACME, name);
        assertThat(entries).extracting(e -> e.get("action")).containsExactly("DELETE", "RESOLVE", "ROTATE", "CREATE");
        assertThat(entries).extracting(e -> e.get("version")).containsExactly(2, 2, 2, 1);
        Map<String, Object> resolve = entries.get(1);
        assertThat(resolve).containsEntry("actorType", "SERVICE").containsEntry("actorId", "action-service")
                .containsEntry("automationId", "auto-1").containsEntry("executionId", "exec-1");
        assertThat(entries.get(3)).containsEntry("actorType", "USER").containsEntry("actorId", "u-admin-acme")
                .containsEntry("secret", name);
        assertThat(entries).allSatisfy(e -> assertThat(e.get("at")).isNotNull());

        // Paginated, newest first.
        Response firstPage = as(admin(ACME)).queryParam("secret", name).queryParam("size", 3).get(secrets(ACME) + "/audit");
        firstPage.then().statusCode(200).body("total", equalTo(4)).body("size", equalTo(3)).body("items.size()", equalTo(3));
        as(admin(ACME)).queryParam("secret", name).queryParam("size", 3).queryParam("page", 1).get(secrets(ACME) + "/audit")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].action", equalTo("CREATE"));
        // Unfiltered, the entity's log holds them too, and globex's does not.
        as(admin(ACME)).queryParam("size", 500).get(secrets(ACME) + "/audit").then().statusCode(200)
                .body("items.secret", hasItem(name));
        as(admin(GLOBEX)).queryParam("size", 500).get(secrets(GLOBEX) + "/audit").then().statusCode(200)
                .body("items.secret", not(hasItem(name)));
    }

    // ---- change notices ------------------------------------------------------------------------------------------

    @Test
    void rotateAndDeletePublishChangeNotices() {
        String name = name("NOTICE");
        String first = value();
        String second = value();
        created(ACME, name, first);
        as(admin(ACME)).body(Map.of("value", second)).put(secrets(ACME) + "/" + name).then().statusCode(200);
        as(admin(ACME)).delete(secrets(ACME) + "/" + name).then().statusCode(204);

        String key = ACME + "/" + name;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<String> values = ChangeNotices.read(key).stream().map(ChangeNotices.Notice::value).toList();
            assertThat(values).containsExactly(
                    "{\"entity\":\"acme\",\"name\":\"" + name + "\",\"version\":1,\"deleted\":false}",
                    "{\"entity\":\"acme\",\"name\":\"" + name + "\",\"version\":2,\"deleted\":false}",
                    "{\"entity\":\"acme\",\"name\":\"" + name + "\",\"version\":2,\"deleted\":true}");
        });
    }

    // ---- no leaks ------------------------------------------------------------------------------------------------

    @Test
    void secretValuesNeverReachLogsResponsesNoticesOrMetrics() {
        String name = name("LEAK");
        String other = name("LEAK_OTHER");
        List<String> values = List.of(value(), value(), value(), value(), value(), value(), value());
        List<String> publicResponses = new ArrayList<>();
        try (LogCapture logs = LogCapture.everything()) {
            publicResponses.add(create(ACME, name, values.get(0)).then().statusCode(201).extract().asString());
            publicResponses.add(create(ACME, name, values.get(1)).then().statusCode(409).extract().asString());
            publicResponses.add(as(admin(ACME)).body(Map.of("value", values.get(2))).put(secrets(ACME) + "/" + name)
                    .then().statusCode(200).extract().asString());
            publicResponses.add(create(ACME, "bad-name", values.get(3)).then().statusCode(400).extract().asString());
            publicResponses.add(as(admin(ACME)).body("{\"name\":\"" + other + "\",\"value\":" + values.get(4) + "}")
                    .post(secrets(ACME)).then().statusCode(400).extract().asString());
            publicResponses.add(as(admin(ACME)).body("{\"name\":\"" + other + "\",\"value\":[\"" + values.get(5) + "\"]}")
                    .post(secrets(ACME)).then().statusCode(400).extract().asString());
            publicResponses.add(as(RegistryDouble.keyFor(Role.MEMBER, ACME)).body(Map.of("value", values.get(6)))
                    .put(secrets(ACME) + "/" + name).then().statusCode(403).extract().asString());
            Response resolve = resolve(ACME, ACTION_SERVICE_TOKEN, List.of(name));
            resolve.then().statusCode(200);
            assertThat(resolve.jsonPath().getString("values." + name)).isEqualTo(values.get(2));
            publicResponses.add(resolve(ACME, TRIGGER_SERVICE_TOKEN, List.of(name)).then().statusCode(403).extract().asString());
            publicResponses.add(as(admin(ACME)).get(secrets(ACME)).then().statusCode(200).extract().asString());
            publicResponses.add(as(admin(ACME)).get(secrets(ACME) + "/audit").then().statusCode(200).extract().asString());
            publicResponses.add(as(REGISTRY_SERVICE_TOKEN).get("/internal/v1/entities/acme/secrets/" + name)
                    .then().statusCode(200).extract().asString());
            publicResponses.add(as(admin(ACME)).delete(secrets(ACME) + "/" + name).then().statusCode(204).extract().asString());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ChangeNotices.read(ACME + "/" + name).size() >= 3);
            publicResponses.add(given().get("/q/metrics").then().statusCode(200).extract().asString());

            List<String> lines = logs.lines();
            assertThat(lines).as("the capture saw this flow's logging").anyMatch(line -> line.contains(name));
            for (String secretValue : values) {
                assertThat(lines).noneMatch(line -> line.contains(secretValue));
                assertThat(publicResponses).noneMatch(body -> body.contains(secretValue));
                assertThat(ChangeNotices.read(null)).noneMatch(n -> n.value().contains(secretValue));
            }
        }
    }
}
