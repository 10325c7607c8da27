package ai.automations.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


/**
 * Issue 13's stalled runs in real time through the whole suite (no adjustable clock): RUN_STALLED with a one-minute
 * deadline and a {@code where} on the run's config reaches the webhook once for a run that stopped logging and once
 * for a run that was already RUNNING (and never logs) when the automation was created, never for a run that keeps
 * logging, one that finished, or one whose config the filter refuses; the run's config also reaches a metric rule's
 * {@code where} and {@code ${run_config.KEY}} through the history records.
 */
class StalledToWebhookIT {

    private static final String E = "/api/v1/entities/stallcorp";
    private static final String HOOK = "/stall-hook";
    private static final Map<String, Object> ADAM = Map.of("optimizer", Map.of("name", "adam"));
    private static final Map<String, Object> SGD = Map.of("optimizer", Map.of("name", "sgd"));

    @RegisterExtension
    static final WebhookReceiver receiver = WebhookReceiver.on(HOOK);

    private final ApiClient api = ApiClient.admin();

    private void call(String method, String path, Object body, int status) {
        ApiClient.expect(status, api.call(ApiClient.REGISTRY, method, path, body), method + " " + path);
    }

    private void run(String id, Map<String, Object> config) {
        call("POST", E + "/projects/lm/runs", Map.of("id", id, "name", id, "config", config), 201);
    }

    private void log(String id, long step, double loss) {
        call("POST", E + "/projects/lm/runs/" + id + "/history", Map.of("step", step, "metrics", Map.of("loss", loss)),
                202);
    }

    @Test
    void aRunThatStopsLoggingStallsOnceInRealTime() {
        call("POST", "/api/v1/entities", Map.of("name", "stallcorp"), 201);
        call("POST", E + "/projects", Map.of("name", "lm"), 201);
        call("POST", E + "/integrations", Map.of("kind", "webhook", "name", "hook",
                "url", receiver.url(HOOK)), 201);
        run("early", ADAM);
        run("early-sgd", SGD);
        Map<String, Object> payload = Map.of("event", "${event_type}", "run", "${run_name}",
                "optimizer", "${run_config.optimizer.name}", "link", "${run_url}");
        Map<String, Object> adamOnly = Map.of("config.optimizer.name", "adam");
        call("POST", E + "/automations", Map.of("name", "stalled", "scope", Map.of("type", "PROJECT", "project", "lm"),
                "event", Map.of("type", "RUN_STALLED", "filter", Map.of("minutes", 1, "where", adamOnly)),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "hook", "payload", payload)), 201);
        call("POST", E + "/automations", Map.of("name", "low-loss", "scope", Map.of("type", "PROJECT", "project", "lm"),
                "event", Map.of("type", "RUN_METRIC_THRESHOLD", "filter", Map.of("metric", "loss", "cmp", "<",
                        "threshold", 0.5, "window", 1, "where", adamOnly)),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "hook", "payload", payload)), 201);
        Instant created = Instant.now();
        run("quiet", ADAM);
        run("busy", ADAM);
        run("done", ADAM);
        run("sgd", SGD);
        log("quiet", 1, 0.1);
        log("sgd", 1, 0.1);
        log("done", 1, 0.9);
        call("PATCH", E + "/projects/lm/runs/done", Map.of("state", "FINISHED"), 200);

        long[] step = { 1 };
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(5)).until(() -> {
            log("busy", step[0]++, 0.9);
            return deliveries().stream().filter(d -> d.startsWith("RUN_STALLED")).count() >= 2;
        });
        assertThat(Duration.between(created, Instant.now())).as("a one-minute deadline")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(55));
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(5))
                .until(() -> {
                    log("busy", step[0]++, 0.9);
                    return deliveries().size() == 3;
                });
        assertThat(deliveries()).containsExactlyInAnyOrder("RUN_METRIC_THRESHOLD quiet adam /projects/lm/runs/quiet",
                "RUN_STALLED quiet adam /projects/lm/runs/quiet", "RUN_STALLED early adam /projects/lm/runs/early");
    }

    private List<String> deliveries() {
        return receiver.bodies(HOOK).stream().map(body -> {
            String link = body.get("link").asText();
            return body.get("event").asText() + " " + body.get("run").asText() + " "
                    + body.get("optimizer").asText() + " " + link.substring(Math.max(0, link.indexOf("/projects/")));
        }).toList();
    }
}
