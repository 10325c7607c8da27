package ai.automations.e2e;

import static ai.automations.e2e.ApiClient.ACTION;
import static ai.automations.e2e.ApiClient.REGISTRY;
import static ai.automations.e2e.ApiClient.SECRETS;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.restassured.response.Response;

/**
 * A full flow with distinctive secret values (an access token, a signing secret, a payload secret, Slack webhook URLs,
 * a rotated token, values sent in refused requests): delivery, a retry after the receiver failed once, redelivery,
 * rotation, integration test calls and failing requests, all sent through the console's front door. Then no secret
 * value may appear in any of the four services' or the console's logs (at DEBUG), any answer the API gave, the
 * execution history, any Kafka record (every topic, from the beginning), any service's {@code /q/metrics}, or anything the services stored in PostgreSQL (secrets-service's
 * ciphertext aside). Only the receiver sees them, and the test checks it did.
 */
class SecretLeakIT {

    private static final String E = "leak";
    private static final String EP = "/api/v1/entities/" + E;

    /** Each secret value carries a unique alphanumeric marker; a marker found anywhere is a leak. */
    private static final String ACCESS = marker("LeakAccess");
    private static final String ROTATED = marker("LeakRotated");
    private static final String PAYLOAD = marker("LeakPayload");
    private static final String SIGNING = signingSecretBase64();
    private static final String SLACK_PATH = marker("LeakSlack");
    private static final String BROKEN = marker("LeakBroken");
    private static final String BOT = marker("LeakBot");
    private static final String REJECTED = marker("LeakRejected");
    private static final List<String> MARKERS = List.of(ACCESS, ROTATED, PAYLOAD, SIGNING, SLACK_PATH, BROKEN, BOT,
            REJECTED);
    private static final Pattern URI_LABEL = Pattern.compile("uri=\"([^\"]*)\"");
    /** A path segment after an entity that is not a template parameter, or an id. */
    private static final Pattern RAW_PATH = Pattern.compile("/entities/[^{]|[0-9a-f]{8}-[0-9a-f]{4}-");

    private static Suite suite;
    private static WireMockServer receiver;
    private static final List<String> ANSWERS = Collections.synchronizedList(new ArrayList<>());
    private static ApiClient admin;
    private static final Map<String, String> AUTOMATIONS = new LinkedHashMap<>();

    @BeforeAll
    static void fullFlow() {
        suite = Suite.get();
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        // The webhook fails once (echoing what it was sent), then accepts and echoes; Slack answers "ok".
        receiver.stubFor(post(urlEqualTo("/hook")).inScenario("hook").whenScenarioStateIs(STARTED).willSetStateTo("up")
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")
                        .withBody("rejected {{request.headers.Authorization}} {{request.body}}")
                        .withTransformers("response-template")));
        receiver.stubFor(post(urlEqualTo("/hook")).inScenario("hook").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("accepted {{request.headers.Authorization}} {{request.body}}")
                        .withTransformers("response-template")));
        receiver.stubFor(post(urlPathMatching("/services/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        receiver.stubFor(post(urlEqualTo("/slack-api/chat.postMessage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"echo\":\"{{request.headers.Authorization}}\"}")
                .withTransformers("response-template")));

        ApiClient root = new ApiClient(suite, suite.adminKey()).viaFrontDoor().recordingInto(ANSWERS);
        admin = new ApiClient(suite, root.createUser("leak-admin")).viaFrontDoor().recordingInto(ANSWERS);
        ApiClient member = new ApiClient(suite, root.createUser("leak-member")).viaFrontDoor().recordingInto(ANSWERS);
        ApiClient anonymous = new ApiClient(suite, null).viaFrontDoor().recordingInto(ANSWERS);

        admin.created(REGISTRY, "/api/v1/entities", Map.of("name", E));
        admin.addMember(E, "leak-member", "MEMBER");
        admin.created(REGISTRY, EP + "/projects", Map.of("name", "fraud"));
        admin.created(REGISTRY, EP + "/registries", Map.of("name", "model"));
        admin.created(REGISTRY, EP + "/registries/model/collections", Map.of("name", "detector", "type", "model"));

        secret("HOOK_TOKEN", ACCESS);
        secret("HOOK_SIGNING", "whsec_" + SIGNING);
        secret("PAYLOAD_SECRET", PAYLOAD);
        secret("SLACK_HOOK", receiver.baseUrl() + "/services/T0/B0/" + SLACK_PATH);
        secret("SLACK_BROKEN", "http://broken host/services/" + BROKEN);
        secret("SLACK_BOT", "xoxb-" + BOT);

        admin.created(REGISTRY, EP + "/integrations", Map.of("kind", "webhook", "name", "hook",
                "url", receiver.baseUrl() + "/hook", "accessTokenSecret", "HOOK_TOKEN", "signingSecret", "HOOK_SIGNING"));
        admin.created(REGISTRY, EP + "/integrations", Map.of("kind", "slack", "name", "slack", "channel", "#ml",
                "webhookUrlSecret", "SLACK_HOOK"));
        admin.created(REGISTRY, EP + "/integrations", Map.of("kind", "slack", "name", "slack-broken", "channel", "#ml",
                "webhookUrlSecret", "SLACK_BROKEN"));
        admin.created(REGISTRY, EP + "/integrations", Map.of("kind", "slack", "name", "slack-bot", "channel", "#ml",
                "botTokenSecret", "SLACK_BOT", "apiBaseUrl", receiver.baseUrl() + "/slack-api"));
        Map<String, Object> scope = Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "detector");
        Map<String, Object> event = Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", "^production$"));
        AUTOMATIONS.put("webhook", admin.created(REGISTRY, EP + "/automations", Map.of("name", "leak-webhook",
                "scope", scope, "event", event, "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "hook",
                        "payload", Map.of("token", "${ACCESS_TOKEN}", "payloadSecret", "${PAYLOAD_SECRET}",
                                "inline", "before ${PAYLOAD_SECRET} after", "version", "${artifact_version_string}"))))
                .get("id").asText());
        AUTOMATIONS.put("slack", admin.created(REGISTRY, EP + "/automations", Map.of("name", "leak-slack",
                "scope", scope, "event", event, "action", Map.of("type", "NOTIFICATION", "integration", "slack",
                        "title", "Deployed", "message", "version ${artifact_version_string}", "severity", "WARN")))
                .get("id").asText());
        AUTOMATIONS.put("bot", admin.created(REGISTRY, EP + "/automations", Map.of("name", "leak-slack-bot",
                "scope", scope, "event", event, "action", Map.of("type", "NOTIFICATION", "integration", "slack-bot",
                        "severity", "INFO"))).get("id").asText());
        AUTOMATIONS.put("broken", admin.created(REGISTRY, EP + "/automations", Map.of("name", "leak-slack-broken",
                "scope", scope, "event", event, "action", Map.of("type", "NOTIFICATION", "integration", "slack-broken",
                        "severity", "ERROR"))).get("id").asText());

        // Delivery: the webhook's first attempt gets a 503 and is retried; Slack is posted; the broken URL fails.
        String first = promoteNewVersion();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() ->
                settled("webhook", "FINISHED", 2) && settled("slack", "FINISHED", 1) && settled("bot", "FINISHED", 1)
                        && settled("broken", "FAILED", 1));
        LoggedRequest delivered = hookCalls().get(1);
        assertThat(delivered.getHeader("Authorization")).isEqualTo("Bearer " + ACCESS);
        JsonNode sent = ApiClient.read(delivered.getBodyAsString());
        assertThat(sent.get("token").asText()).isEqualTo(ACCESS);
        assertThat(sent.get("payloadSecret").asText()).isEqualTo(PAYLOAD);
        assertThat(sent.get("inline").asText()).isEqualTo("before " + PAYLOAD + " after");
        assertThat(sent.get("version").asText()).isEqualTo(E + "/model/detector:" + first);
        assertThat(delivered.getHeader("webhook-signature")).startsWith("v1,");
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/services/T0/B0/" + SLACK_PATH)))).hasSize(1);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/slack-api/chat.postMessage"))).get(0)
                .getHeader("Authorization")).isEqualTo("Bearer xoxb-" + BOT);

        // A dry-run renders the payload without resolving any secret.
        JsonNode dryRun = ApiClient.expect(200, admin.post(ApiClient.TRIGGER, EP + "/automations/" + AUTOMATIONS.get("webhook")
                + "/dry-run", Map.of("event", Map.of("specversion", "1.0", "id", "leak-dry-run", "source", "/e2e/leak",
                        "type", "ai.automations.ADD_ARTIFACT_ALIAS", "data", Map.of("entity", E, "registry", "model",
                                "collection", "detector", "version", "v0", "versionIndex", 0, "alias", "production")))),
                "dry-run");
        assertThat(dryRun.get("matched").asBoolean()).isTrue();
        assertThat(dryRun.get("renderedPayload").get("token").asText()).isEqualTo("***");
        assertThat(dryRun.get("renderedPayload").get("payloadSecret").asText()).isEqualTo("***");

        // Redelivery: one more attempt with the same webhook-id.
        String execution = executions("webhook").get(0).get("id").asText();
        assertThat(admin.post(ACTION, "/api/v1/executions/" + execution + "/redeliver", null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> settled("webhook", "FINISHED", 3));
        assertThat(hookCalls()).hasSize(3);
        assertThat(hookCalls().get(2).getHeader("webhook-id")).isEqualTo(delivered.getHeader("webhook-id"));

        // Integration test calls: the receiver echoes the token back; a broken URL fails.
        JsonNode tested = ApiClient.expect(200, admin.post(ACTION, EP + "/integrations/hook/test",
                Map.of("payload", Map.of("probe", true))), "test hook");
        assertThat(tested.get("statusCode").asInt()).isEqualTo(200);
        assertThat(tested.get("body").asText()).startsWith("accepted Bearer ").doesNotContain(ACCESS);
        ApiClient.expect(200, admin.post(ACTION, EP + "/integrations/slack/test", Map.of()), "test slack");
        JsonNode broken = ApiClient.expect(200, admin.post(ACTION, EP + "/integrations/slack-broken/test", Map.of()),
                "test broken slack");
        assertThat(broken.path("error").asText()).isNotBlank();

        // Rotation: the next calls carry the new token.
        JsonNode rotated = ApiClient.expect(200, admin.put(SECRETS, EP + "/secrets/HOOK_TOKEN", Map.of("value", ROTATED)),
                "rotate");
        assertThat(rotated.get("version").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            admin.post(ACTION, EP + "/integrations/hook/test", Map.of("payload", Map.of("probe", "rotation")));
            return hookCalls().stream().anyMatch(c -> ("Bearer " + ROTATED).equals(c.getHeader("Authorization")));
        });
        String second = promoteNewVersion();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> hookCalls().stream()
                .anyMatch(c -> c.getBodyAsString().contains(E + "/model/detector:" + second)));
        LoggedRequest afterRotation = hookCalls().stream()
                .filter(c -> c.getBodyAsString().contains(E + "/model/detector:" + second)).findFirst().orElseThrow();
        assertThat(afterRotation.getHeader("Authorization")).isEqualTo("Bearer " + ROTATED);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode list = executions("webhook");
            return list.size() == 2 && "FINISHED".equals(list.get(0).path("status").asText());
        });

        // Refused requests that carry secret values.
        List<Response> refused = List.of(
                member.post(SECRETS, EP + "/secrets", Map.of("name", "BY_MEMBER", "value", REJECTED)),
                anonymous.post(SECRETS, EP + "/secrets", Map.of("name", "BY_NOBODY", "value", REJECTED)),
                admin.post(SECRETS, EP + "/secrets", Map.of("name", "bad name", "value", REJECTED)),
                admin.post(SECRETS, EP + "/secrets", "{\"name\":\"MALFORMED\",\"value\":\"" + REJECTED),
                admin.post(SECRETS, EP + "/secrets", "{\"name\":\"UNQUOTED\",\"value\":" + REJECTED + "}"),
                admin.post(SECRETS, EP + "/secrets", Map.of("name", "NESTED", "value", Map.of("v", REJECTED))),
                admin.post(SECRETS, EP + "/secrets", Map.of("name", "HOOK_TOKEN", "value", REJECTED)),
                admin.put(SECRETS, EP + "/secrets/NO_SUCH_SECRET", Map.of("value", REJECTED)),
                admin.put(SECRETS, EP + "/secrets/HOOK_TOKEN", "{\"value\":" + REJECTED + "}"),
                admin.call(SECRETS, "PATCH", EP + "/secrets/HOOK_TOKEN", Map.of("value", REJECTED)));
        refused.forEach(r -> assertThat(r.statusCode()).as(r.asString()).isBetween(400, 499));
        assertThat(admin.ok(SECRETS, EP + "/secrets").findValuesAsText("name")).doesNotContain("BY_MEMBER", "BY_NOBODY",
                "MALFORMED", "UNQUOTED", "NESTED");

        // Everything the API shows about these executions, read once more so it is among the answers scanned.
        AUTOMATIONS.keySet().forEach(name -> executions(name).forEach(x -> admin.ok(ACTION, "/api/v1/executions/" + x.get("id").asText())));
        admin.ok(SECRETS, EP + "/secrets/audit");
        admin.ok(REGISTRY, EP + "/integrations");
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @Test
    void noSecretValueInAnyApiAnswer() {
        assertThat(ANSWERS).hasSizeGreaterThan(40);
        assertNoMarker("API answers", String.join("\n", ANSWERS));
    }

    @Test
    void executionHistoryShowsSecretsAsStars() {
        JsonNode webhook = executions("webhook");
        assertNoMarker("execution history", webhook.toString() + executions("slack") + executions("broken"));
        JsonNode retried = webhook.get(1);
        assertThat(retried.get("request").get("payload").get("token").asText()).isEqualTo("***");
        assertThat(retried.get("request").get("payload").get("payloadSecret").asText()).isEqualTo("***");
        assertThat(retried.get("request").get("payload").get("inline").asText()).isEqualTo("before *** after");
        assertThat(retried.get("attempts")).hasSize(3);
        assertThat(retried.get("attempts").get(0).get("statusCode").asInt()).isEqualTo(503);
        assertThat(executions("slack").get(0).get("request").get("url").asText()).isEqualTo("***");
        assertThat(executions("broken").get(0).get("request").path("url").asText()).isEqualTo("***");
        assertThat(executions("bot").get(0).get("attempts").get(0).get("statusCode").asInt()).isEqualTo(200);
    }

    @Test
    void noSecretValueInAnyServiceLog() {
        for (String service : Stream.concat(Suite.SERVICES.stream(), Stream.of(Suite.CONSOLE)).toList()) {
            String log = suite.logText(service);
            assertThat(log).as("%s logged something", service).isNotEmpty();
            assertNoMarker(service + " log", log);
        }
        assertThat(suite.logText(ACTION)).as("DEBUG logging is on: action-service logged the rotation notice")
                .contains("Secret " + E + "/HOOK_TOKEN changed");
    }

    @Test
    void noSecretValueOnAnyKafkaTopic() throws Exception {
        StringBuilder all = new StringBuilder();
        int records = 0;
        try (Admin kafka = suite.broker().admin()) {
            Set<String> topics = kafka.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            assertThat(topics).contains("automation.events", "automation.actions", "automation.definitions",
                    "automation.secrets.changes", "automation.actions.dlq");
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.broker().bootstrapServers());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics) {
                    for (PartitionInfo p : consumer.partitionsFor(topic)) {
                        partitions.add(new TopicPartition(topic, p.partition()));
                    }
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                    assertThat(System.nanoTime()).as("read every topic to its end").isLessThan(deadline);
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        records++;
                        all.append(record.topic()).append(' ').append(text(record.key())).append(' ')
                                .append(text(record.value()));
                        for (Header header : record.headers()) {
                            all.append(' ').append(header.key()).append('=').append(text(header.value()));
                        }
                        all.append('\n');
                    }
                }
            }
        }
        assertThat(records).isGreaterThan(0);
        String text = all.toString();
        assertThat(text).as("the scan reads the definitions that name the secrets").contains("PAYLOAD_SECRET")
                .contains(AUTOMATIONS.get("webhook"));
        assertThat(text).as("the scan reads the dead letters of the broken Slack URL")
                .containsPattern("automation\\.actions\\.dlq [^\\n]*leak-slack-broken");
        assertNoMarker("Kafka records", text);
    }

    @Test
    void noSecretValueInAnyServiceMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String service : Suite.SERVICES) {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(suite.url(service) + "/q/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE");
            List<String> rawPaths = metrics.body().lines().filter(line -> {
                Matcher label = URI_LABEL.matcher(line);
                return label.find() && RAW_PATH.matcher(label.group(1)).find();
            }).toList();
            assertThat(rawPaths).as("%s labels HTTP metrics by route, never by a request's own path", service).isEmpty();
            assertNoMarker(service + " /q/metrics", metrics.body());
        }
    }

    @Test
    void noSecretValueStoredOutsideSecretsService() throws Exception {
        for (String service : Suite.SERVICES) {
            StringBuilder all = new StringBuilder();
            try (Connection connection = suite.database(service).connect(); Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("SELECT table_schema, table_name FROM information_schema.tables"
                        + " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                    while (rs.next()) {
                        tables.add('"' + rs.getString(1) + "\".\"" + rs.getString(2) + '"');
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = statement.executeQuery("SELECT t::text FROM " + table + " t")) {
                        while (rs.next()) {
                            all.append(rs.getString(1)).append('\n');
                        }
                    }
                }
            }
            String text = all.toString();
            assertNoMarker(service + " database", text);
            String hex = text.toLowerCase();
            for (String marker : MARKERS) {
                assertThat(hex).as("%s database holds a marker as bytea", service)
                        .doesNotContain(HexFormat.of().formatHex(marker.getBytes(StandardCharsets.UTF_8)));
            }
            if (service.equals(REGISTRY)) {
                assertThat(text).as("the scan reads the registry's integrations").contains("SLACK_HOOK");
            }
        }
    }

    /**
     * A secret whose value JSON-escapes (here a quote and a backslash) reaches a receiver that echoes the request body
     * back: the escaped value must not show in the integration test call's answer nor in the execution history.
     */
    @Test
    void jsonEscapedSecretEchoedByTheReceiverIsRedacted() {
        String quoted = marker("LeakQuoted");
        String value = quoted + "\"q\\z";
        receiver.stubFor(post(urlEqualTo("/echo")).willReturn(aResponse().withStatus(200)
                .withBody("echo {{request.body}}").withTransformers("response-template")));
        secret("QUOTED_SECRET", value);
        admin.created(REGISTRY, EP + "/integrations", Map.of("kind", "webhook", "name", "echo",
                "url", receiver.baseUrl() + "/echo"));
        String automation = admin.created(REGISTRY, EP + "/automations", Map.of("name", "leak-echo",
                "scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "detector"),
                "event", Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", "^echo$")),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "echo",
                        "payload", Map.of("q", "${QUOTED_SECRET}")))).get("id").asText();

        Response tested = admin.post(ACTION, EP + "/integrations/echo/test",
                Map.of("payload", Map.of("q", "${QUOTED_SECRET}")));
        assertThat(tested.statusCode()).isEqualTo(200);
        promoteNewVersion("echo");
        String history = EP + "/automations/" + automation + "/executions";
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode list = admin.ok(ACTION, history);
            return list.size() == 1 && "FINISHED".equals(list.get(0).path("status").asText());
        });

        List<LoggedRequest> echoed = receiver.findAll(postRequestedFor(urlEqualTo("/echo")));
        assertThat(echoed).hasSize(2);
        echoed.forEach(call -> assertThat(ApiClient.read(call.getBodyAsString()).get("q").asText()).isEqualTo(value));
        SoftAssertions leaks = new SoftAssertions();
        leaks.assertThat(tested.asString()).as("the test call's answer").doesNotContain(quoted);
        leaks.assertThat(admin.ok(ACTION, history).toString()).as("the execution history").doesNotContain(quoted);
        leaks.assertAll();
    }

    private static void assertNoMarker(String where, String text) {
        List<String> found = MARKERS.stream().filter(text::contains).collect(Collectors.toList());
        if (!found.isEmpty()) {
            StringBuilder excerpts = new StringBuilder();
            for (String marker : found) {
                int at = text.indexOf(marker);
                excerpts.append("\n--- ").append(marker).append(":\n")
                        .append(text, Math.max(0, at - 600), Math.min(text.length(), at + marker.length() + 200));
            }
            throw new AssertionError("secret values found in " + where + ":" + excerpts);
        }
    }

    private static void secret(String name, String value) {
        admin.created(SECRETS, EP + "/secrets", Map.of("name", name, "value", value));
    }

    /** A new artifact version linked into the watched collection and given the production alias; its version. */
    private static String promoteNewVersion() {
        return promoteNewVersion("production");
    }

    private static String promoteNewVersion(String alias) {
        String artifact = admin.created(REGISTRY, EP + "/projects/fraud/artifacts", Map.of("collection", "net",
                "type", "model")).get("id").asText();
        String version = admin.created(REGISTRY, EP + "/registries/model/collections/detector/links",
                Map.of("artifactId", artifact)).get("version").asText();
        ApiClient.expect(200, admin.post(REGISTRY, EP + "/registries/model/collections/detector/versions/" + version
                + "/aliases", Map.of("alias", alias)), "alias");
        return version;
    }

    private static JsonNode executions(String automation) {
        return admin.ok(ACTION, EP + "/automations/" + AUTOMATIONS.get(automation) + "/executions");
    }

    /** The oldest execution of an automation has this status after this many attempts. */
    private static boolean settled(String automation, String status, int attempts) {
        JsonNode list = executions(automation);
        if (list.isEmpty()) {
            return false;
        }
        JsonNode oldest = list.get(list.size() - 1);
        return status.equals(oldest.path("status").asText()) && oldest.path("attempts").size() == attempts;
    }

    private static List<LoggedRequest> hookCalls() {
        return receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The base64 of a marker, chosen to be alphanumeric itself (so it is a marker too): a {@code whsec_} key. */
    private static String signingSecretBase64() {
        while (true) {
            String raw = marker("LeakSigning");
            raw += "k".repeat((3 - raw.length() % 3) % 3);
            String encoded = Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
            if (encoded.chars().allMatch(Character::isLetterOrDigit)) {
                return encoded;
            }
        }
    }

    private static String marker(String prefix) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(prefix);
        for (int i = 0; i < 20; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
