package ai.automations.registry.automation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ai.automations.common.event.Topics;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.Db;
import ai.automations.registry.support.SecretsDouble;
import ai.automations.registry.support.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * One REST call per validation rule of the automations contract: each gets its 4xx with the offending field, and
 * nothing is stored or published.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class AutomationValidationTest {

    private static String entity;
    private final TopicReader definitions = TopicReader.shared(Topics.DEFINITIONS);
    private final Api admin = Api.admin();

    /** An entity with a project, a registry, a webhook and a Slack integration, and no automation. */
    private static String entity() {
        if (entity == null) {
            Api admin = Api.admin();
            entity = admin.entity("rules");
            admin.project(entity, "p");
            admin.registry(entity, "r");
            SecretsDouble.secretExists(entity, "SLACK_URL");
            admin.post("/api/v1/entities/" + entity + "/integrations", Map.of("kind", "webhook", "name", "ci",
                    "url", "http://127.0.0.1:9/")).statusCode(201);
            admin.post("/api/v1/entities/" + entity + "/integrations", Map.of("kind", "slack", "name", "chat",
                    "channel", "#ml", "webhookUrlSecret", "SLACK_URL")).statusCode(201);
        }
        return entity;
    }

    /** A valid automation (alias on a registry collection, webhook) for the cases to break. */
    private static Map<String, Object> valid() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "valid");
        body.put("scope", new HashMap<>(Map.of("type", "ARTIFACT_COLLECTION", "registry", "r", "collection", "c")));
        body.put("event", new HashMap<>(Map.of("type", "ADD_ARTIFACT_ALIAS", "filter",
                new HashMap<>(Map.of("aliasRegex", "^prod$")))));
        body.put("action", new HashMap<>(Map.of("type", "GENERIC_WEBHOOK", "integration", "ci")));
        return body;
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> body = valid();
        body.put(key, value);
        return body;
    }

    private static Map<String, Object> event(String type, Map<String, Object> filter, Map<String, Object> scope) {
        Map<String, Object> event = new HashMap<>();
        event.put("type", type);
        event.put("filter", filter);
        Map<String, Object> body = valid();
        body.put("event", event);
        body.put("scope", scope);
        return body;
    }

    private static Map<String, Object> run(String type, Map<String, Object> filter) {
        return event(type, filter, Map.of("type", "PROJECT", "project", "p"));
    }

    private static Map<String, Object> threshold(UnaryOperator<Map<String, Object>> change) {
        return run("RUN_METRIC_THRESHOLD", change.apply(new HashMap<>(Map.of("metric", "loss", "cmp", "<",
                "threshold", 0.2))));
    }

    private static Map<String, Object> changeRule(UnaryOperator<Map<String, Object>> change) {
        return run("RUN_METRIC_CHANGE", change.apply(new HashMap<>(Map.of("metric", "acc", "changeDir", "DECREASE",
                "amount", 0.1))));
    }

    private static Map<String, Object> action(Map<String, Object> action) {
        return with("action", action);
    }

    private static <K, V> Map<K, V> put(Map<K, V> map, K key, V value) {
        map.put(key, value);
        return map;
    }

    private static <K, V> Map<K, V> remove(Map<K, V> map, K key) {
        map.remove(key);
        return map;
    }

    static Stream<Arguments> rules() {
        Map<String, Object> project = Map.of("type", "PROJECT", "project", "p");
        return Stream.of(
                Arguments.of("name is required", remove(valid(), "name"), 400, "name"),
                Arguments.of("name at most 255", with("name", "n".repeat(256)), 400, "name"),
                Arguments.of("scope is required", remove(valid(), "scope"), 400, "scope.type"),
                Arguments.of("scope type is known", with("scope", Map.of("type", "GALAXY")), 400, "scope.type"),
                Arguments.of("ENTITY scope names nothing", with("scope", Map.of("type", "ENTITY", "project", "p")),
                        400, "scope.project"),
                Arguments.of("PROJECT scope names its project", with("scope", Map.of("type", "PROJECT")), 400,
                        "scope.project"),
                Arguments.of("REGISTRY scope names no collection", with("scope", Map.of("type", "REGISTRY",
                        "registry", "r", "collection", "c")), 400, "scope.collection"),
                Arguments.of("collection scope names one parent", with("scope", Map.of("type",
                        "ARTIFACT_COLLECTION", "project", "p", "registry", "r", "collection", "c")), 400, "scope"),
                Arguments.of("collection scope names a collection", with("scope", Map.of("type",
                        "ARTIFACT_COLLECTION", "registry", "r")), 400, "scope.collection"),
                Arguments.of("scope names are names", with("scope", Map.of("type", "PROJECT", "project", "a b")),
                        400, "scope.project"),
                Arguments.of("scope project exists", with("scope", Map.of("type", "PROJECT", "project", "nope")),
                        422, "scope.project"),
                Arguments.of("scope registry exists", with("scope", Map.of("type", "REGISTRY", "registry", "nope")),
                        422, "scope.registry"),
                Arguments.of("event type is known", with("event", Map.of("type", "EXPLODE")), 400, "event.type"),
                Arguments.of("event is required", remove(valid(), "event"), 400, "event.type"),
                Arguments.of("filter is an object", with("event", Map.of("type", "ADD_ARTIFACT_ALIAS",
                        "filter", List.of())), 400, "event.filter"),
                Arguments.of("CREATE_ARTIFACT only on a project collection", event("CREATE_ARTIFACT", Map.of(),
                        Map.of("type", "ARTIFACT_COLLECTION", "registry", "r", "collection", "c")), 422, "scope"),
                Arguments.of("CREATE_ARTIFACT not on a registry", event("CREATE_ARTIFACT", Map.of(),
                        Map.of("type", "REGISTRY", "registry", "r")), 422, "scope"),
                Arguments.of("run events only on PROJECT or ENTITY", event("RUN_STATE", Map.of("states",
                        List.of("FAILED")), Map.of("type", "REGISTRY", "registry", "r")), 422, "scope"),
                Arguments.of("run metric events not on a collection", event("RUN_METRIC_ZSCORE", Map.of("metric",
                        "loss"), Map.of("type", "ARTIFACT_COLLECTION", "project", "p", "collection", "c")), 422,
                        "scope"),
                Arguments.of("aliasRegex is required", event("ADD_ARTIFACT_ALIAS", Map.of(), project), 400,
                        "event.filter.aliasRegex"),
                Arguments.of("aliasRegex compiles under RE2", event("ADD_ARTIFACT_ALIAS", Map.of("aliasRegex",
                        "(prod"), project), 422, "event.filter.aliasRegex"),
                Arguments.of("backreferences are not RE2", event("ADD_ARTIFACT_ALIAS", Map.of("aliasRegex",
                        "(a)\\1"), project), 422, "event.filter.aliasRegex"),
                Arguments.of("tagRegex is required", event("ADD_ARTIFACT_TAG", Map.of(), project), 400,
                        "event.filter.tagRegex"),
                Arguments.of("tagRegex compiles", event("REMOVE_ARTIFACT_TAG", Map.of("tagRegex", "[a-"), project),
                        422, "event.filter.tagRegex"),
                Arguments.of("filter fields must apply", event("ADD_ARTIFACT_ALIAS", Map.of("aliasRegex", "x",
                        "tagRegex", "y"), project), 400, "event.filter.tagRegex"),
                Arguments.of("link takes no filter", event("LINK_ARTIFACT", Map.of("aliasRegex", "x"), project), 400,
                        "event.filter.aliasRegex"),
                Arguments.of("threshold needs a metric", threshold(f -> remove(f, "metric")), 400,
                        "event.filter.metric"),
                Arguments.of("threshold needs cmp", threshold(f -> remove(f, "cmp")), 400, "event.filter.cmp"),
                Arguments.of("cmp is a known symbol", threshold(f -> put(f, "cmp", "=>")), 400, "event.filter.cmp"),
                Arguments.of("threshold needs a threshold", threshold(f -> remove(f, "threshold")), 400,
                        "event.filter.threshold"),
                Arguments.of("threshold is a number", threshold(f -> put(f, "threshold", "low")), 400,
                        "event.filter.threshold"),
                Arguments.of("window > 0", threshold(f -> put(f, "window", 0)), 400, "event.filter.window"),
                Arguments.of("window is whole", threshold(f -> put(f, "window", 2.5)), 400, "event.filter.window"),
                Arguments.of("agg is known", threshold(f -> put(f, "agg", "MEDIAN")), 400, "event.filter.agg"),
                Arguments.of("runNameRegex compiles", threshold(f -> put(f, "runNameRegex", "*x")), 422,
                        "event.filter.runNameRegex"),
                Arguments.of("amount > 0", changeRule(f -> put(f, "amount", 0)), 400, "event.filter.amount"),
                Arguments.of("amount is required", changeRule(f -> remove(f, "amount")), 400, "event.filter.amount"),
                Arguments.of("changeDir is required for a change", changeRule(f -> remove(f, "changeDir")), 400,
                        "event.filter.changeDir"),
                Arguments.of("currentWindow > 0", changeRule(f -> put(f, "currentWindow", -1)), 400,
                        "event.filter.currentWindow"),
                Arguments.of("priorWindow > 0", changeRule(f -> put(f, "priorWindow", 0)), 400,
                        "event.filter.priorWindow"),
                Arguments.of("changeType is known", changeRule(f -> put(f, "changeType", "PERCENT")), 400,
                        "event.filter.changeType"),
                Arguments.of("zscore window > 0", run("RUN_METRIC_ZSCORE", Map.of("metric", "m", "window", 0)), 400,
                        "event.filter.window"),
                Arguments.of("zscore threshold > 0", run("RUN_METRIC_ZSCORE", Map.of("metric", "m", "threshold",
                        -1)), 400, "event.filter.threshold"),
                Arguments.of("zscore takes no agg", run("RUN_METRIC_ZSCORE", Map.of("metric", "m", "agg", "MAX")),
                        400, "event.filter.agg"),
                Arguments.of("states is required", run("RUN_STATE", Map.of()), 400, "event.filter.states"),
                Arguments.of("states is not empty", run("RUN_STATE", Map.of("states", List.of())), 400,
                        "event.filter.states"),
                Arguments.of("states are terminal and triggering", run("RUN_STATE", Map.of("states",
                        List.of("KILLED"))), 400, "event.filter.states"),
                Arguments.of("action is required", remove(valid(), "action"), 400, "action.type"),
                Arguments.of("action type is known", action(Map.of("type", "EMAIL")), 400, "action.type"),
                Arguments.of("webhook action names an integration", action(Map.of("type", "GENERIC_WEBHOOK")), 400,
                        "action.integration"),
                Arguments.of("the integration exists", action(Map.of("type", "GENERIC_WEBHOOK", "integration",
                        "nope")), 422, "action.integration"),
                Arguments.of("a webhook action needs a webhook integration", action(Map.of("type",
                        "GENERIC_WEBHOOK", "integration", "chat")), 422, "action.integration"),
                Arguments.of("a notification needs a Slack integration", action(Map.of("type", "NOTIFICATION",
                        "integration", "ci", "severity", "INFO")), 422, "action.integration"),
                Arguments.of("a notification has a severity", action(Map.of("type", "NOTIFICATION",
                        "integration", "chat")), 400, "action.severity"),
                Arguments.of("severity is known", action(Map.of("type", "NOTIFICATION", "integration", "chat",
                        "severity", "PANIC")), 400, "action.severity"),
                Arguments.of("a webhook action has no title", action(Map.of("type", "GENERIC_WEBHOOK",
                        "integration", "ci", "title", "t")), 400, "action.title"),
                Arguments.of("NO_OP names no integration", action(Map.of("type", "NO_OP", "integration", "ci")), 400,
                        "action.integration"),
                Arguments.of("rateLimit max > 0", with("rateLimit", Map.of("max", 0, "perSeconds", 60)), 400,
                        "rateLimit.max"),
                Arguments.of("rateLimit max not negative", with("rateLimit", Map.of("max", -3, "perSeconds", 60)),
                        400, "rateLimit.max"),
                Arguments.of("rateLimit perSeconds > 0", with("rateLimit", Map.of("max", 5, "perSeconds", 0)), 400,
                        "rateLimit.perSeconds"),
                Arguments.of("rateLimit needs max", with("rateLimit", Map.of("perSeconds", 60)), 400,
                        "rateLimit.max"),
                Arguments.of("rateLimit needs perSeconds", with("rateLimit", Map.of("max", 5)), 400,
                        "rateLimit.perSeconds"),
                Arguments.of("rateLimit max at most 1000", with("rateLimit", Map.of("max", 1001, "perSeconds", 60)),
                        400, "rateLimit.max"),
                Arguments.of("rateLimit at most a day", with("rateLimit", Map.of("max", 1, "perSeconds", 86_401)),
                        400, "rateLimit.perSeconds"),
                Arguments.of("rateLimit max is a number", with("rateLimit", Map.of("max", "many", "perSeconds", 60)),
                        400, "rateLimit.max"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleRefusesAndStoresNothing(String rule, Map<String, Object> body, int status, String field) {
        String e = entity();
        admin.post("/api/v1/entities/" + e + "/automations", body).statusCode(status)
                .body("error", equalTo(status == 400 ? "BAD_REQUEST" : "UNPROCESSABLE"))
                .body("field", equalTo(field));
        assertThat(Db.count("SELECT count(*) FROM automations a JOIN entities e ON e.id = a.entity_id WHERE e.name = '"
                + e + "'")).as(rule).isZero();
    }

    @Test
    void aValidAutomationPassesAndItsNameIsThenTaken() {
        String e = admin.entity("unique");
        admin.registry(e, "r");
        admin.post("/api/v1/entities/" + e + "/integrations", Map.of("kind", "webhook", "name", "ci",
                "url", "http://127.0.0.1:9/")).statusCode(201);
        String base = "/api/v1/entities/" + e + "/automations";
        admin.post(base, valid()).statusCode(201);
        admin.post(base, valid()).statusCode(409).body("error", equalTo("CONFLICT")).body("field", equalTo("name"));
        assertThat(Db.count("SELECT count(*) FROM automations a JOIN entities e ON e.id = a.entity_id WHERE e.name = '"
                + e + "'")).isEqualTo(1);
    }

    @Test
    void aRateLimitIsStoredPublishedAndRemovable() {
        String e = admin.entity("limits");
        admin.registry(e, "r");
        admin.post("/api/v1/entities/" + e + "/integrations", Map.of("kind", "webhook", "name", "ci",
                "url", "http://127.0.0.1:9/")).statusCode(201);
        String base = "/api/v1/entities/" + e + "/automations";
        String id = admin.post(base, with("rateLimit", Map.of("max", 10, "perSeconds", 60))).statusCode(201)
                .body("rateLimit.max", equalTo(10)).body("rateLimit.perSeconds", equalTo(60)).extract().path("id");
        admin.get(base + "/" + id).statusCode(200).body("rateLimit.max", equalTo(10));
        admin.patch(base + "/" + id, Map.of("rateLimit", Map.of("max", 0))).statusCode(400)
                .body("field", equalTo("rateLimit.max"));
        admin.patch(base + "/" + id, Map.of("rateLimit", Map.of("max", 3))).statusCode(200)
                .body("rateLimit.max", equalTo(3)).body("rateLimit.perSeconds", equalTo(60));
        Map<String, Object> removal = new HashMap<>();
        removal.put("rateLimit", null);
        admin.patch(base + "/" + id, removal).statusCode(200).body("rateLimit", org.hamcrest.Matchers.nullValue());

        List<String> published = definitions.drain(r -> id.equals(r.key()), Duration.ofSeconds(3)).stream()
                .map(r -> r.value()).toList();
        assertThat(published).hasSize(3);
        assertThat(published.get(0)).contains("\"rateLimit\":{\"max\":10,\"perSeconds\":60}");
        assertThat(published.get(2)).doesNotContain("rateLimit");
    }

    @Test
    void aBadUpdateOrPatchChangesAndPublishesNothing() {
        String e = admin.entity("updates");
        admin.registry(e, "r");
        admin.post("/api/v1/entities/" + e + "/integrations", Map.of("kind", "webhook", "name", "ci",
                "url", "http://127.0.0.1:9/")).statusCode(201);
        String base = "/api/v1/entities/" + e + "/automations";
        String id = admin.post(base, valid()).statusCode(201).extract().path("id");
        Map<String, Object> other = valid();
        other.put("name", "other");
        admin.post(base, other).statusCode(201);

        admin.put(base + "/" + id, with("scope", Map.of("type", "ENTITY", "registry", "r"))).statusCode(400);
        admin.put(base + "/" + id, other).statusCode(409);
        admin.patch(base + "/" + id, Map.of("event", Map.of("filter", Map.of("aliasRegex", "(")))).statusCode(422)
                .body("field", equalTo("event.filter.aliasRegex"));
        admin.patch(base + "/" + id, Map.of("enabled", "sometimes")).statusCode(400);
        admin.patch(base + "/" + id, List.of(1)).statusCode(400);
        admin.patch(base + "/" + id, Map.of("name", "other")).statusCode(409);
        given().header("Authorization", "Bearer " + Api.ADMIN_KEY).contentType(ContentType.JSON).body("{\"enabled\":")
                .patch(base + "/" + id).then().statusCode(400);
        admin.get(base + "/" + id).statusCode(200).body("name", equalTo("valid")).body("enabled", equalTo(true))
                .body("event.filter.aliasRegex", equalTo("^prod$"));
        admin.put(base + "/00000000-0000-0000-0000-000000000000", valid()).statusCode(404);
        admin.get(base + "/not-a-uuid").statusCode(404);
        admin.delete(base + "/00000000-0000-0000-0000-000000000000").statusCode(404);
        String elsewhere = admin.entity("elsewhere");
        admin.get("/api/v1/entities/" + elsewhere + "/automations/" + id).statusCode(404);
        admin.delete("/api/v1/entities/" + elsewhere + "/automations/" + id).statusCode(404);

        assertThat(definitions.drain(r -> id.equals(r.key()), Duration.ofSeconds(3))).hasSize(1);
    }
}
