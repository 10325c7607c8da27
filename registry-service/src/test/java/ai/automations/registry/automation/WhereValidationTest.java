package ai.automations.registry.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.Db;
import ai.automations.registry.support.SecretsDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code event.filter.where} at the API: a bad expression gets its 4xx naming the node at fault and nothing is stored;
 * a good one is stored as written, on every event type, and CREATE_ARTIFACT is taken at PROJECT and ENTITY scope.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class WhereValidationTest {

    private static String entity;
    private final Api admin = Api.admin();

    private static String entity() {
        if (entity == null) {
            Api admin = Api.admin();
            entity = admin.entity("where");
            admin.project(entity, "p");
            admin.registry(entity, "r");
        }
        return entity;
    }

    private static Map<String, Object> automation(String type, Object where, Map<String, Object> scope) {
        Map<String, Object> filter = new HashMap<>();
        filter.put("where", where);
        if (type.equals("RUN_STATE")) {
            filter.put("states", List.of("RUNNING"));
        }
        if (type.equals("RUN_METRIC_THRESHOLD")) {
            filter.putAll(Map.of("metric", "loss", "cmp", "<", "threshold", 0.1));
        }
        return new HashMap<>(Map.of("name", Api.unique("w"), "scope", scope,
                "event", Map.of("type", type, "filter", filter), "action", Map.of("type", "NO_OP")));
    }

    private static Map<String, Object> link(Object where) {
        return automation("LINK_ARTIFACT", where, Map.of("type", "REGISTRY", "registry", "r"));
    }

    private static Map<String, Object> deep(int levels) {
        Map<String, Object> node = Map.of("alias", "x");
        for (int i = 0; i < levels; i++) {
            node = Map.of("$and", List.of(node));
        }
        return node;
    }

    static Stream<Arguments> refused() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(Map.of("alias", "a" + i));
        }
        return Stream.of(
                Arguments.of("unknown operator", link(Map.of("alias", Map.of("$like", "prod"))), 400,
                        "event.filter.where.alias.$like"),
                Arguments.of("unknown combinator", link(Map.of("$xor", List.of())), 400, "event.filter.where.$xor"),
                Arguments.of("$in needs an array", link(Map.of("alias", Map.of("$in", "prod"))), 400,
                        "event.filter.where.alias.$in"),
                Arguments.of("$and needs an array", link(Map.of("$and", Map.of("alias", "x"))), 400,
                        "event.filter.where.$and"),
                Arguments.of("$exists needs a boolean", link(Map.of("alias", Map.of("$exists", "yes"))), 400,
                        "event.filter.where.alias.$exists"),
                Arguments.of("where is an object", link(List.of(1)), 400, "event.filter.where"),
                Arguments.of("a run field on an artifact event", link(Map.of("runName", "x")), 400,
                        "event.filter.where.runName"),
                Arguments.of("an artifact field on a run event", automation("RUN_STATE", Map.of("alias", "x"),
                        Map.of("type", "PROJECT", "project", "p")), 400, "event.filter.where.alias"),
                Arguments.of("an artifact field on a metric rule", automation("RUN_METRIC_THRESHOLD",
                        Map.of("metadata.lr", 1), Map.of("type", "PROJECT", "project", "p")), 400,
                        "event.filter.where.metadata.lr"),
                Arguments.of("too deep", link(deep(8)), 422, "event.filter.where.$and[0]" + ".$and[0]".repeat(7)),
                Arguments.of("too large", link(Map.of("$or", many)), 422, "event.filter.where.$or[31]"),
                Arguments.of("regex RE2 refuses", link(Map.of("$and", List.of(Map.of("alias",
                        Map.of("$regex", "(a)\\1"))))), 422, "event.filter.where.$and[0].alias.$regex"),
                Arguments.of("regex that does not parse", link(Map.of("alias", Map.of("$not", Map.of("$regex",
                        "[a-")))), 422, "event.filter.where.alias.$not.$regex"),
                Arguments.of("CREATE_ARTIFACT not on a registry collection", automation("CREATE_ARTIFACT", null,
                        Map.of("type", "ARTIFACT_COLLECTION", "registry", "r", "collection", "c")), 422, "scope"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aBadWhereIsRefusedWithItsPathAndNothingIsStored(String rule, Map<String, Object> body, int status,
            String field) {
        String e = entity();
        admin.post("/api/v1/entities/" + e + "/automations", body).statusCode(status)
                .body("error", equalTo(status == 400 ? "BAD_REQUEST" : "UNPROCESSABLE"))
                .body("field", equalTo(field))
                .body("message", startsWith(field.startsWith("event.filter.where") ? "'" + field + "' " : ""));
        assertThat(Db.count("SELECT count(*) FROM automations a JOIN entities e ON e.id = a.entity_id WHERE e.name = '"
                + e + "'")).as(rule).isZero();
    }

    @Test
    void aGoodWhereIsStoredAsWrittenOnEveryEventType() {
        String e = admin.entity("where-ok");
        admin.project(e, "p");
        admin.registry(e, "r");
        String base = "/api/v1/entities/" + e + "/automations";
        Map<String, Object> where = Map.of("$and", List.of(Map.of("aliases", Map.of("$contains", "candidate")),
                Map.of("metadata.accuracy", Map.of("$gte", 0.9))));
        String id = admin.post(base, link(where)).statusCode(201).extract().path("id");
        admin.get(base + "/" + id).statusCode(200)
                .body("event.filter.where.$and[0].aliases.$contains", equalTo("candidate"))
                .body("event.filter.where.$and[1].'metadata.accuracy'.$gte", equalTo(0.9f));
        Map<String, Object> project = Map.of("type", "PROJECT", "project", "p");
        Map<String, Object> wholeEntity = Map.of("type", "ENTITY");
        admin.post(base, automation("CREATE_ARTIFACT", Map.of("artifactType", "model"), project)).statusCode(201);
        admin.post(base, automation("CREATE_ARTIFACT", null, wholeEntity)).statusCode(201);
        admin.post(base, automation("ADD_ARTIFACT_ALIAS", Map.of("alias", Map.of("$in", List.of("a", "b"))),
                project)).statusCode(201).body("event.filter.aliasRegex", equalTo(null));
        admin.post(base, automation("ADD_COLLECTION_TAG", Map.of("tag", "prod"), wholeEntity)).statusCode(201);
        admin.post(base, automation("REMOVE_COLLECTION_TAG", null, Map.of("type", "REGISTRY", "registry", "r")))
                .statusCode(201);
        admin.post(base, automation("RUN_STATE", Map.of("config.optimizer.lr", Map.of("$lt", 0.01)), project))
                .statusCode(201).body("event.filter.states", equalTo(List.of("RUNNING")));
        admin.post(base, automation("RUN_METRIC_THRESHOLD", Map.of("tags", Map.of("$contains", "prod")), project))
                .statusCode(201);
        admin.post(base, automation("RUN_METRIC_THRESHOLD", Map.of("config.optimizer.lr", Map.of("$lt", 0.01)),
                project)).statusCode(201);
        assertThat(Db.count("SELECT count(*) FROM automations a JOIN entities e ON e.id = a.entity_id WHERE e.name = '"
                + e + "'")).isEqualTo(9);
    }
}
