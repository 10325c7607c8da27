package ai.automations.secrets.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import ai.automations.common.event.Topics;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.secrets.SecretsApiContract;
import ai.automations.secrets.crypto.EncryptedValue;
import ai.automations.secrets.crypto.EnvelopeCipher;
import ai.automations.secrets.crypto.KeyRing;
import ai.automations.secrets.store.SecretValue;
import ai.automations.secrets.store.SecretVersionRef;
import ai.automations.secrets.support.ChangeNotices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The secrets suite on the database backend, plus what only that backend has: envelope encryption at rest, tamper
 * detection through the associated data, and KEK rotation.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class DatabaseBackendTest extends SecretsApiContract {

    @Test
    void theTableHoldsCiphertextNotTheValue() throws SQLException {
        String name = name("ENC");
        String secretValue = value();
        created(ACME, name, secretValue);

        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "SELECT kek_id, wrapped_key, ciphertext, version FROM secret_value WHERE entity = ? AND name = ?")) {
            query.setString(1, ACME);
            query.setString(2, name);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("kek_id")).isEqualTo("test-2");
                byte[] ciphertext = row.getBytes("ciphertext");
                byte[] plain = secretValue.getBytes(StandardCharsets.UTF_8);
                assertThat(ciphertext).hasSize(12 + plain.length + 16);
                assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(secretValue);
                assertThat(row.getBytes("wrapped_key")).hasSize(12 + 32 + 16);
            }
        }
        try (Connection db = connect(); PreparedStatement dump = db.prepareStatement(
                "SELECT string_agg(t::text, ' ') FROM (SELECT * FROM secret_value UNION ALL SELECT * FROM secret_value) t")) {
            try (ResultSet all = dump.executeQuery()) {
                all.next();
                assertThat(all.getString(1)).doesNotContain(secretValue);
            }
        }
        assertThat(resolved(ACME, name)).containsEntry(name, secretValue);
    }

    @Test
    void tamperedCiphertextOrMovedValuesDoNotDecrypt() throws SQLException {
        String flipped = name("FLIP");
        String moved = name("MOVED");
        String target = name("TARGET");
        created(ACME, flipped, value());
        created(ACME, moved, value());
        created(ACME, target, value());

        try (Connection db = connect()) {
            // One bit of the ciphertext flipped.
            update(db, "UPDATE secret_value SET ciphertext = overlay(ciphertext placing"
                    + " decode(lpad(to_hex(get_byte(ciphertext, 20) # 1), 2, '0'), 'hex') from 21 for 1)"
                    + " WHERE entity = 'acme' AND name = ?", flipped);
            // A valid ciphertext and key moved onto another secret: the associated data (entity/name/version) differs.
            try (PreparedStatement copy = db.prepareStatement("UPDATE secret_value t SET ciphertext = s.ciphertext,"
                    + " wrapped_key = s.wrapped_key FROM secret_value s WHERE s.entity = 'acme' AND s.name = ?"
                    + " AND t.entity = 'acme' AND t.name = ?")) {
                copy.setString(1, moved);
                copy.setString(2, target);
                assertThat(copy.executeUpdate()).isEqualTo(1);
            }
        }
        for (String name : List.of(flipped, target)) {
            resolve(ACME, ACTION_SERVICE_TOKEN, List.of(name)).then().statusCode(500)
                    .body("error", equalTo("SECRET_UNREADABLE"));
        }

        // The version is part of the associated data as well.
        String versioned = name("VERSIONED");
        created(ACME, versioned, value());
        try (Connection db = connect()) {
            update(db, "UPDATE secret_value SET version = 7 WHERE entity = 'acme' AND name = ?", versioned);
            update(db, "UPDATE secret SET version = 7 WHERE entity = 'acme' AND name = ?", versioned);
        }
        resolve(ACME, ACTION_SERVICE_TOKEN, List.of(versioned)).then().statusCode(500)
                .body("error", equalTo("SECRET_UNREADABLE"));
    }

    @Test
    void valuesWrappedByAPreviousKekStayReadableAndAreRewrapped() throws SQLException {
        // A value stored when test-1 was the current KEK (configured now under previous-keks.test-1).
        byte[] oldKek = Base64.getDecoder().decode(ConfigProvider.getConfig()
                .getValue("automations.secrets.database.previous-keks.test-1", String.class));
        String name = name("OLDKEK");
        String secretValue = value();
        created(ACME, name, value());
        EncryptedValue legacy = new EnvelopeCipher().encrypt(KeyRing.of("test-1", Map.of("test-1", oldKek)),
                new SecretVersionRef(ACME, name, 1), SecretValue.of(secretValue));
        try (Connection db = connect(); PreparedStatement put = db.prepareStatement("UPDATE secret_value SET kek_id = ?,"
                + " wrapped_key = ?, ciphertext = ? WHERE entity = 'acme' AND name = ?")) {
            put.setString(1, legacy.kekId());
            put.setBytes(2, legacy.wrappedKey());
            put.setBytes(3, legacy.ciphertext());
            put.setString(4, name);
            assertThat(put.executeUpdate()).isEqualTo(1);
        }
        assertThat(resolved(ACME, name)).containsEntry(name, secretValue);

        // The background pass re-wraps its data key with the current KEK; the value stays the same.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(kekIdOf(name)).isEqualTo("test-2"));
        assertThat(resolved(ACME, name)).containsEntry(name, secretValue);
    }

    @Test
    void noticesLeftInTheOutboxArePublishedByTheSweep() throws SQLException {
        String name = name("SWEPT");
        try (Connection db = connect(); PreparedStatement insert = db.prepareStatement("INSERT INTO outbox"
                + " (topic, message_key, payload, content_type, created_at) VALUES (?, ?, ?, 'application/json', now())")) {
            insert.setString(1, Topics.SECRET_CHANGES);
            insert.setString(2, ACME + "/" + name);
            insert.setString(3, "{\"entity\":\"acme\",\"name\":\"" + name + "\",\"version\":3,\"deleted\":true}");
            insert.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                ChangeNotices.read(ACME + "/" + name)).extracting(ChangeNotices.Notice::value).containsExactly(
                        "{\"entity\":\"acme\",\"name\":\"" + name + "\",\"version\":3,\"deleted\":true}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (Connection db = connect(); PreparedStatement count = db.prepareStatement(
                    "SELECT count(*) FROM outbox WHERE message_key = ? AND sent_at IS NULL")) {
                count.setString(1, ACME + "/" + name);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                }
            }
        });
    }

    private String kekIdOf(String name) throws SQLException {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "SELECT kek_id FROM secret_value WHERE entity = 'acme' AND name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static void update(Connection db, String sql, String name) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, name);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
