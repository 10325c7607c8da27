package ai.automations.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 13 through the whole suite: {@code where} filters on a link (W&B's "linked with alias candidate and accuracy
 * at least 0.9"), CREATE_ARTIFACT at project scope, a collection tag event and RUN_STATE RUNNING at run creation each
 * reach a webhook exactly for the events their filters accept.
 */
class WhereToWebhookIT {

    private static final String E = "/api/v1/entities/wherecorp";
    private static final String HOOK = "/where-hook";

    @RegisterExtension
    static final WebhookReceiver receiver = WebhookReceiver.on(HOOK);

    private final ApiClient api = ApiClient.admin();

    private JsonNode call(String path, Map<String, ?> body, int status) {
        return ApiClient.expect(status, api.post(ApiClient.REGISTRY, path, body), "POST " + path);
    }

    private void automation(String name, Map<String, ?> scope, String type, Map<String, ?> filter) {
        call(E + "/automations", Map.of("name", name, "scope", scope, "event", Map.of("type", type, "filter", filter),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "hook", "payload", Map.of(
                        "automation", "${automation_name}", "event", "${event_type}", "tag", "${tag}",
                        "run", "${run_name}", "version", "${artifact_version_string}"))), 201);
    }

    @Test
    void eachNewFilterAndEventDeliversExactlyForTheEventsItAccepts() {
        call("/api/v1/entities", Map.of("name", "wherecorp"), 201);
        call(E + "/projects", Map.of("name", "fraud"), 201);
        call(E + "/registries", Map.of("name", "model"), 201);
        call(E + "/registries/model/collections", Map.of("name", "detector", "type", "model"), 201);
        call(E + "/integrations", Map.of("kind", "webhook", "name", "hook", "url", receiver.url(HOOK)),
                201);
        automation("candidate-link", Map.of("type", "REGISTRY", "registry", "model"), "LINK_ARTIFACT",
                Map.of("where", Map.of("$and", List.of(Map.of("aliases", Map.of("$contains", "candidate")),
                        Map.of("metadata.accuracy", Map.of("$gte", 0.9))))));
        automation("any-new-model", Map.of("type", "PROJECT", "project", "fraud"), "CREATE_ARTIFACT",
                Map.of("where", Map.of("artifactType", "model")));
        automation("prod-tag", Map.of("type", "ENTITY"), "ADD_COLLECTION_TAG",
                Map.of("tagRegex", "^prod", "where", Map.of("collectionTags", Map.of("$contains", "vision"))));
        automation("prod-run-started", Map.of("type", "PROJECT", "project", "fraud"), "RUN_STATE",
                Map.of("states", List.of("RUNNING"), "where", Map.of("tags", Map.of("$contains", "prod"))));
        call(E + "/automations", Map.of("name", "bad", "scope", Map.of("type", "ENTITY"), "event", Map.of("type",
                "LINK_ARTIFACT", "filter", Map.of("where", Map.of("alias", Map.of("$regex", "(a)\\1")))),
                "action", Map.of("type", "NO_OP")), 422);

        String good = call(E + "/projects/fraud/artifacts", Map.of("collection", "raw", "type", "model",
                "metadata", Map.of("accuracy", 0.93)), 201).get("id").asText();
        String weak = call(E + "/projects/fraud/artifacts", Map.of("collection", "raw", "type", "model",
                "metadata", Map.of("accuracy", 0.5)), 201).get("id").asText();
        call(E + "/projects/fraud/artifacts", Map.of("collection", "data", "type", "dataset"), 201);
        call(E + "/registries/model/collections/detector/links", Map.of("artifactId", good, "aliases",
                List.of("candidate")), 201);
        call(E + "/registries/model/collections/detector/links", Map.of("artifactId", weak, "aliases",
                List.of("candidate")), 201);
        call(E + "/registries/model/collections/detector/tags", Map.of("tag", "production"), 200);
        call(E + "/registries/model/collections/detector/tags", Map.of("tag", "vision"), 200);
        call(E + "/registries/model/collections/detector/tags", Map.of("tag", "prod-ready"), 200);
        call(E + "/projects/fraud/runs", Map.of("name", "dev-run", "tags", List.of("dev")), 201);
        call(E + "/projects/fraud/runs", Map.of("name", "prod-run", "tags", List.of("prod")), 201);

        List<String> expected = List.of("candidate-link LINK_ARTIFACT wherecorp/model/detector:v0",
                "any-new-model CREATE_ARTIFACT wherecorp/fraud/raw:v0",
                "any-new-model CREATE_ARTIFACT wherecorp/fraud/raw:v1",
                "prod-tag ADD_COLLECTION_TAG prod-ready", "prod-run-started RUN_STATE prod-run");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(deliveries()).hasSizeGreaterThanOrEqualTo(expected.size()));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> deliveries().size() == expected.size());
        assertThat(deliveries()).containsExactlyInAnyOrderElementsOf(expected);
    }

    private List<String> deliveries() {
        return receiver.bodies(HOOK).stream().map(body -> {
            String detail = switch (body.get("event").asText()) {
                case "ADD_COLLECTION_TAG" -> body.get("tag").asText();
                case "RUN_STATE" -> body.get("run").asText();
                default -> body.get("version").asText();
            };
            return body.get("automation").asText() + " " + body.get("event").asText() + " " + detail;
        }).toList();
    }
}
