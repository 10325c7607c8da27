package ai.automations.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import ai.automations.action.testing.Await;
import ai.automations.action.testing.Fixtures;
import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.event.Topics;
import ai.automations.common.testing.KafkaBroker;
import ai.automations.common.testing.PackagedService;
import ai.automations.common.testing.TestDatabase;

/**
 * action-service as a separate JVM (the packaged {@code quarkus-run.jar}) killed with SIGKILL while an execution is
 * being retried, then started again: the execution still ends in exactly one successful delivery recorded, with one
 * {@code webhook-id} across every call. A second case kills it while a call is in flight, which is where at-least-once
 * shows: the receiver sees the call twice, with the same {@code webhook-id} to deduplicate on.
 */
class CrashRecoveryIT {

    private static final String ENTITY = "acme";
    private static final String SERVICE_TOKEN = "it-action-token";

    private static KafkaBroker broker;
    private static TestDatabase database;
    private static WireMockServer registry;
    private static WireMockServer receiver;
    private static KafkaProducer<String, String> producer;
    private static int starts;

    private PackagedService service;

    @BeforeAll
    static void infrastructure() {
        broker = KafkaBroker.shared();
        database = TestDatabase.create("action_it");
        registry = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        registry.start();
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void tearDown() {
        producer.close();
        receiver.stop();
        registry.stop();
        database.drop();
    }

    @AfterEach
    void stopService() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void killedDuringRetriesItStillDeliversExactlyOnce() throws Exception {
        String path = "/hooks/crash-during-retries";
        receiver.stubFor(post(urlEqualTo(path)).atPriority(5).willReturn(aResponse().withStatus(503)));
        AutomationDefinition automation = automationTo("retries", path);

        service = start();
        publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));
        Await.until("two failed attempts recorded", Duration.ofSeconds(90),
                () -> attemptsRecorded(automation.id()) >= 2 && "PENDING".equals(status(automation.id())));

        kill(service);
        receiver.stubFor(post(urlEqualTo(path)).atPriority(1).willReturn(aResponse().withStatus(200)));
        int callsBeforeRestart = callsTo(path).size();
        service = start();

        Await.until("the execution finished after the restart", Duration.ofSeconds(120),
                () -> "FINISHED".equals(status(automation.id())));
        List<ServeEvent> calls = callsTo(path);
        assertThat(calls.size()).isGreaterThan(callsBeforeRestart);
        assertThat(calls.stream().filter(c -> c.getResponse() != null && c.getResponse().getStatus() == 200)).hasSize(1);
        assertThat(calls).extracting(c -> c.getRequest().getHeader("webhook-id")).containsOnly(webhookId(automation.id()));
        JsonNode attempts = attempts(automation.id());
        assertThat(attempts).hasSize(calls.size());
        assertThat(attempts.findValuesAsText("statusCode").stream().filter("200"::equals)).hasSize(1);
        assertThat(executions(automation.id())).isEqualTo(1);
    }

    @Test
    void killedWhileACallIsInFlightTheCallIsRepeatedWithTheSameWebhookId() throws Exception {
        String path = "/hooks/crash-in-flight";
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(4_000)));
        AutomationDefinition automation = automationTo("in-flight", path);

        service = start();
        publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));
        Await.until("the call reached the receiver", Duration.ofSeconds(90), () -> !callsTo(path).isEmpty());
        kill(service);
        assertThat(attemptsRecorded(automation.id())).isZero();

        service = start();
        Await.until("the execution finished after the restart", Duration.ofSeconds(120),
                () -> "FINISHED".equals(status(automation.id())));
        List<ServeEvent> calls = callsTo(path);
        assertThat(calls).hasSize(2);
        assertThat(calls).extracting(c -> c.getRequest().getHeader("webhook-id")).containsOnly(webhookId(automation.id()));
        JsonNode attempts = attempts(automation.id());
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).get("statusCode").asInt()).isEqualTo(200);
        assertThat(executions(automation.id())).isEqualTo(1);
    }

    private AutomationDefinition automationTo(String name, String path) {
        String integration = "it-" + name;
        AutomationDefinition automation = Fixtures.automation(ENTITY, name, Fixtures.webhook(integration, "{\"v\":\"${artifact_version_string}\"}"));
        registry.stubFor(get(urlEqualTo("/internal/v1/automations/" + automation.id())).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(Fixtures.write(automation))));
        registry.stubFor(get(urlEqualTo("/internal/v1/entities/" + ENTITY + "/integrations/" + integration)).willReturn(
                aResponse().withHeader("Content-Type", "application/json").withBody(Fixtures.write(Map.of("entity", ENTITY,
                        "name", integration, "kind", "webhook", "url", "http://127.0.0.1:" + receiver.port() + path,
                        "disabled", false)))));
        return automation;
    }

    private PackagedService start() {
        return PackagedService.builder("action-service")
                .log(Paths.get("target", "crash-it-" + (++starts) + ".log"))
                .jvmOptions("-Xmx384m")
                .property("kafka.bootstrap.servers", broker.bootstrapServers())
                .database(database)
                .property("quarkus.rest-client.registry.url", registry.baseUrl())
                .property("quarkus.rest-client.secrets.url", "http://127.0.0.1:9")
                .property("automations.auth.service-token", SERVICE_TOKEN)
                .property("automations.delivery.allow-loopback", "true")
                .property("automations.delivery.poll-interval", "500ms")
                .property("automations.delivery.lease", "6s")
                .property("automations.delivery.retry.first-delay", "1s")
                .property("automations.delivery.retry.max-attempts", "20")
                .property("automations.delivery.retry.horizon", "10m")
                .property("automations.delivery.retry.jitter", "0")
                .start();
    }

    /** SIGKILL: no shutdown hook, no graceful stop. */
    private static void kill(PackagedService service) {
        assertThat(service.kill()).isEqualTo(137);
    }

    private static void publish(ActionRequest request) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ACTIONS, request.automation().id(), Fixtures.write(request)))
                .get(30, TimeUnit.SECONDS);
    }

    /** Every request the receiver got on {@code path}, answered or not. */
    private static List<ServeEvent> callsTo(String path) {
        return receiver.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(path)).toList();
    }

    private static String column(String automationId, String column) {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT " + column + " FROM execution WHERE automation_id = ?")) {
            statement.setString(1, automationId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (Exception e) {
            return null;
        }
    }

    private static String status(String automationId) {
        return column(automationId, "status");
    }

    private static String webhookId(String automationId) {
        return column(automationId, "webhook_id");
    }

    private static int attemptsRecorded(String automationId) {
        String count = column(automationId, "attempt_count");
        return count == null ? 0 : Integer.parseInt(count);
    }

    private static JsonNode attempts(String automationId) {
        return Fixtures.json(column(automationId, "attempts"));
    }

    private static int executions(String automationId) {
        return Integer.parseInt(column(automationId, "count(*)"));
    }
}
