package ai.automations.secrets.change;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import ai.automations.common.auth.Role;
import ai.automations.common.outbox.OutboxRelay;
import ai.automations.common.testing.InjectRegistryDouble;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.secrets.support.ChangeNotices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * secrets-service on common's outbox, against real PostgreSQL and Kafka: notices committed while publishing is
 * impossible (relay paused, another instance holding the relay lock) stay in the outbox and leave later, in commit
 * order per secret, and the relay's work shows on the documented metrics.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class SecretChangeOutboxTest {

    private static final String ACME = "acme";

    @InjectRegistryDouble
    WireMockServer registry;

    @Inject
    OutboxRelay relay;

    @BeforeEach
    void noIntegrationReferences() {
        registry.stubFor(get(urlPathMatching("/internal/v1/entities/[^/]+/secret-references/.+")).atPriority(10)
                .willReturn(okJson("{\"integrations\":[]}")));
    }

    @Test
    void noticesCommittedWhileTheRelayIsPausedLeaveInCommitOrderWhenItResumes() throws SQLException {
        String name = "PAUSED_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String key = ACME + "/" + name;
        relay.pause();
        try {
            asAdmin().body(Map.of("name", name, "value", "v1")).post(secrets()).then().statusCode(201);
            asAdmin().body(Map.of("value", "v2")).put(secrets() + "/" + name).then().statusCode(200);
            asAdmin().body(Map.of("value", "v3")).put(secrets() + "/" + name).then().statusCode(200);
            asAdmin().delete(secrets() + "/" + name).then().statusCode(204);
            assertThat(unsent(key)).isEqualTo(4);
            assertThat(ChangeNotices.read(key)).isEmpty();
        } finally {
            relay.resume();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                ChangeNotices.read(key)).extracting(ChangeNotices.Notice::value).containsExactly(
                        notice(name, 1, false), notice(name, 2, false), notice(name, 3, false), notice(name, 3, true)));
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(key) == 0);
    }

    @Test
    void onlyTheInstanceHoldingTheRelayLockPublishes() throws SQLException {
        String name = "LOCKED_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String key = ACME + "/" + name;
        try (Connection other = connect(); Statement lock = other.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(" + OutboxRelay.LOCK_KEY + ")");
            asAdmin().body(Map.of("name", name, "value", "v1")).post(secrets()).then().statusCode(201);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> unsent(key) == 1);
            assertThat(ChangeNotices.read(key)).isEmpty();
            lock.execute("SELECT pg_advisory_unlock(" + OutboxRelay.LOCK_KEY + ")");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                ChangeNotices.read(key)).extracting(ChangeNotices.Notice::value).containsExactly(notice(name, 1, false)));
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(key) == 0);
    }

    @Test
    void theRelayReportsItsWorkOnTheDocumentedMetrics() {
        String name = "METRICS_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        asAdmin().body(Map.of("name", name, "value", "v1")).post(secrets()).then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> ChangeNotices.read(ACME + "/" + name).size() == 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("automations_outbox_published_total"))
                .body(containsString("automations_outbox_publish_failures_total"))
                .body(containsString("automations_outbox_publish_latency_seconds_count"))
                .body(containsString("automations_outbox_backlog")));
    }

    private static String notice(String name, int version, boolean deleted) {
        return "{\"entity\":\"acme\",\"name\":\"" + name + "\",\"version\":" + version + ",\"deleted\":" + deleted + "}";
    }

    private static RequestSpecification asAdmin() {
        return given().contentType(ContentType.JSON).header("Authorization",
                "Bearer " + RegistryDouble.keyFor(Role.ADMIN, ACME));
    }

    private static String secrets() {
        return "/api/v1/entities/" + ACME + "/secrets";
    }

    private static int unsent(String key) throws SQLException {
        try (Connection db = connect(); PreparedStatement count = db.prepareStatement(
                "SELECT count(*) FROM outbox WHERE message_key = ? AND sent_at IS NULL")) {
            count.setString(1, key);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
