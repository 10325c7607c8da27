package ai.automations.registry.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.automations.common.event.Topics;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.Db;
import ai.automations.registry.support.SecretsDouble;
import ai.automations.registry.support.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Apply by name ({@code PUT .../automations/by-name/{name}}) and find by name ({@code GET .../automations?name=}):
 * the first apply creates (201), the next ones replace (200) the same automation, concurrent applies of a new name
 * create exactly one, and bad input writes and publishes nothing.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class AutomationApplyByNameTest {

    private static TopicReader definitions;
    private final Api admin = Api.admin();

    @BeforeAll
    static void read() {
        definitions = new TopicReader(Topics.DEFINITIONS);
    }

    @AfterAll
    static void close() {
        definitions.close();
    }

    private String entity(String prefix) {
        String e = admin.entity(prefix);
        admin.registry(e, "r");
        admin.post("/api/v1/entities/" + e + "/integrations", Map.of("kind", "webhook", "name", "ci",
                "url", "http://127.0.0.1:9/")).statusCode(201);
        return e;
    }

    private static Map<String, Object> automation(String aliasRegex) {
        Map<String, Object> body = new HashMap<>();
        body.put("scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "r", "collection", "c"));
        body.put("event", Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", aliasRegex)));
        body.put("action", Map.of("type", "GENERIC_WEBHOOK", "integration", "ci"));
        return body;
    }

    private static long stored(String entity) {
        return Db.count("SELECT count(*) FROM automations a JOIN entities e ON e.id = a.entity_id WHERE e.name = '"
                + entity + "'");
    }

    @Test
    void theFirstApplyCreatesTheNextReplaceAndNameFindsIt() {
        String e = entity("apply");
        String base = "/api/v1/entities/" + e + "/automations";

        String id = admin.put(base + "/by-name/deploy-prod", automation("^prod$")).statusCode(201)
                .body("name", equalTo("deploy-prod")).body("event.filter.aliasRegex", equalTo("^prod$"))
                .extract().path("id");
        Map<String, Object> changed = automation("^production$");
        changed.put("name", "deploy-prod");
        changed.put("rateLimit", Map.of("max", 5, "perSeconds", 60));
        admin.put(base + "/by-name/deploy-prod", changed).statusCode(200).body("id", equalTo(id))
                .body("event.filter.aliasRegex", equalTo("^production$")).body("rateLimit.max", equalTo(5));
        admin.put(base + "/by-name/deploy-prod", changed).statusCode(200).body("id", equalTo(id));

        admin.get(base + "?name=deploy-prod").statusCode(200).body("size()", equalTo(1))
                .body("[0].id", equalTo(id)).body("[0].event.filter.aliasRegex", equalTo("^production$"));
        admin.get(base + "?name=nope").statusCode(200).body("size()", equalTo(0));
        admin.put(base + "/by-name/other", automation("^x$")).statusCode(201);
        admin.get(base).statusCode(200).body("size()", equalTo(2));
        admin.get(base + "?name=other&enabled=true").statusCode(200).body("size()", equalTo(1));
        assertThat(stored(e)).isEqualTo(2);
        assertThat(definitions.drain(r -> id.equals(r.key()), Duration.ofSeconds(3))).hasSize(3);
    }

    @Test
    void concurrentAppliesOfANewNameCreateExactlyOne() throws Exception {
        String e = entity("race");
        String path = "/api/v1/entities/" + e + "/automations/by-name/raced";
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                Callable<Response> call = () -> admin.request().body(automation("^prod$")).put(path);
                answers.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response r = answer.get();
                statuses.add(r.statusCode());
                ids.add(r.jsonPath().getString("id"));
            }
            assertThat(statuses).containsOnly(201, 200);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(ids).doesNotContainNull().containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(stored(e)).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedAndNothingIsWrittenOrPublished() {
        String e = entity("badapply");
        String base = "/api/v1/entities/" + e + "/automations/by-name/";
        Map<String, Object> otherName = automation("^prod$");
        otherName.put("name", "different");
        admin.put(base + "first", otherName).statusCode(400).body("error", equalTo("BAD_REQUEST"))
                .body("field", equalTo("name"));
        Map<String, Object> zeroLimit = automation("^prod$");
        zeroLimit.put("rateLimit", Map.of("max", 0, "perSeconds", 60));
        admin.put(base + "first", zeroLimit).statusCode(400).body("field", equalTo("rateLimit.max"));
        admin.put(base + "first", automation("(prod")).statusCode(422)
                .body("field", equalTo("event.filter.aliasRegex"));
        admin.put(base + "first", List.of(1)).statusCode(400);
        admin.put(base + "x".repeat(256), automation("^prod$")).statusCode(400);
        assertThat(stored(e)).isZero();

        String id = admin.put(base + "first", automation("^prod$")).statusCode(201).extract().path("id");
        admin.put(base + "first", zeroLimit).statusCode(400);
        admin.put(base + "first", automation("[")).statusCode(422);
        admin.get("/api/v1/entities/" + e + "/automations/" + id).statusCode(200)
                .body("event.filter.aliasRegex", equalTo("^prod$")).body("rateLimit", org.hamcrest.Matchers.nullValue());
        assertThat(definitions.drain(r -> id.equals(r.key()), Duration.ofSeconds(3))).hasSize(1);
        Api.as("not-a-key").put(base + "first", automation("^prod$")).statusCode(401);
    }
}
