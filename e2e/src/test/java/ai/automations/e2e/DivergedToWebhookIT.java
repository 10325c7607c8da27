package ai.automations.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


/**
 * Issue 13's diverged metric in real time through the whole suite: history written as Python's {@code json.dumps}
 * writes a diverged loss (bare {@code NaN}, {@code Infinity}) is accepted, and RUN_METRIC_DIVERGED reaches the webhook
 * once for the run and metric (a second NaN within 24 hours does not repeat it), only for the watched metric.
 */
class DivergedToWebhookIT {

    private static final String E = "/api/v1/entities/divergecorp";
    private static final String HOOK = "/diverged-hook";

    @RegisterExtension
    static final WebhookReceiver receiver = WebhookReceiver.on(HOOK);

    private final ApiClient api = ApiClient.admin();

    private void call(String path, Object body, int status) {
        ApiClient.expect(status, api.post(ApiClient.REGISTRY, path, body), "POST " + path);
    }

    @Test
    void aDivergedLossFiresOnceForItsRunAndMetric() {
        call("/api/v1/entities", Map.of("name", "divergecorp"), 201);
        call(E + "/projects", Map.of("name", "lm"), 201);
        call(E + "/integrations", Map.of("kind", "webhook", "name", "hook",
                "url", receiver.url(HOOK)), 201);
        call(E + "/automations", Map.of("name", "loss-diverged", "scope", Map.of("type", "PROJECT", "project", "lm"),
                "event", Map.of("type", "RUN_METRIC_DIVERGED", "filter", Map.of("metric", "loss")),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "hook", "payload", Map.of(
                        "run", "${run_name}", "event", "${event_type}", "metric", "${metric_name}",
                        "value", "${metric_value}"))), 201);
        call(E + "/projects/lm/runs", Map.of("id", "ft-1", "name", "finetune"), 201);

        String history = E + "/projects/lm/runs/ft-1/history";
        call(history, "[{\"step\": 1, \"metrics\": {\"loss\": 0.7, \"lr\": 0.001}},"
                + " {\"step\": 2, \"metrics\": {\"loss\": NaN, \"lr\": 0.001}},"
                + " {\"step\": 3, \"metrics\": {\"loss\": Infinity, \"lr\": Infinity}}]", 202);
        call(history, "[{\"step\": 4, \"metrics\": {\"loss\": \"NaN\"}}]", 202);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> !deliveries().isEmpty());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> deliveries().size() == 1);
        assertThat(deliveries()).containsExactly("finetune RUN_METRIC_DIVERGED loss NaN");
    }

    private List<String> deliveries() {
        return receiver.bodies(HOOK).stream().map(body -> body.get("run").asText() + " " + body.get("event").asText()
                + " " + body.get("metric").asText() + " " + body.get("value").asText()).toList();
    }
}
