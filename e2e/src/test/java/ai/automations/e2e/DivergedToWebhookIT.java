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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 13's diverged metric in real time through the whole suite: history written as Python's {@code json.dumps}
 * writes a diverged loss (bare {@code NaN}, {@code Infinity}) is accepted, and RUN_METRIC_DIVERGED reaches the webhook
 * once for the run and metric (a second NaN within 24 hours does not repeat it), only for the watched metric.
 */
class DivergedToWebhookIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String E = "/api/v1/entities/divergecorp";

    private static Suite suite;
    private static WireMockServer receiver;

    @BeforeAll
    static void start() {
        suite = Suite.get();
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/diverged-hook")).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    private static RequestSpecification api() {
        return given().baseUri(suite.url("registry-service")).header("Authorization", "Bearer " + suite.adminKey())
                .contentType(ContentType.JSON);
    }

    private static void call(String path, Object body, int status) {
        Response response = api().body(body).post(path);
        assertThat(response.statusCode()).as("POST %s -> %s", path, response.asString()).isEqualTo(status);
    }

    @Test
    void aDivergedLossFiresOnceForItsRunAndMetric() {
        call("/api/v1/entities", Map.of("name", "divergecorp"), 201);
        call(E + "/projects", Map.of("name", "lm"), 201);
        call(E + "/integrations", Map.of("kind", "webhook", "name", "hook",
                "url", receiver.baseUrl() + "/diverged-hook"), 201);
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

    private static List<String> deliveries() {
        return receiver.findAll(postRequestedFor(urlEqualTo("/diverged-hook"))).stream().map(r -> {
            try {
                JsonNode body = JSON.readTree(r.getBodyAsString());
                return body.get("run").asText() + " " + body.get("event").asText() + " " + body.get("metric").asText()
                        + " " + body.get("value").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
