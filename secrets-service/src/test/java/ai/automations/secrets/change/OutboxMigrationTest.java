package ai.automations.secrets.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.secret.SecretChange;
import ai.automations.common.testing.TestDatabase;

/**
 * The move to common's outbox shape (V3) on a real PostgreSQL: notices still pending in the old table when the
 * service is upgraded are carried over in their order, with the key and JSON the relay would have published.
 */
class OutboxMigrationTest {

    private final TestDatabase database = TestDatabase.create("secrets_migration");

    @AfterEach
    void drop() {
        database.drop();
    }

    @Test
    void pendingNoticesOfTheOldTableAreCarriedOverInOrder() throws Exception {
        flyway("2").migrate();
        try (Connection db = database.connect(); Statement s = db.createStatement()) {
            s.executeUpdate("INSERT INTO secret_change_outbox (entity, name, version, deleted, created_at) VALUES "
                    + "('acme', 'TOKEN', 1, false, now()), ('acme', 'TOKEN', 2, false, now()), "
                    + "('globex', 'A_\"quoted\"_NAME', 7, true, now())");
        }

        flyway(null).migrate();

        ObjectMapper mapper = new ObjectMapper();
        List<String> rows = new ArrayList<>();
        try (Connection db = database.connect(); Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT topic, message_key, payload, content_type, sent_at FROM outbox "
                        + "ORDER BY id")) {
            while (rs.next()) {
                assertThat(rs.getString("topic")).isEqualTo("automation.secrets.changes");
                assertThat(rs.getString("content_type")).isEqualTo("application/json");
                assertThat(rs.getObject("sent_at")).isNull();
                rows.add(rs.getString("message_key") + " " + rs.getString("payload"));
            }
        }
        assertThat(rows).containsExactly(
                "acme/TOKEN " + mapper.writeValueAsString(new SecretChange("acme", "TOKEN", 1, false)),
                "acme/TOKEN " + mapper.writeValueAsString(new SecretChange("acme", "TOKEN", 2, false)),
                "globex/A_\"quoted\"_NAME "
                        + mapper.writeValueAsString(new SecretChange("globex", "A_\"quoted\"_NAME", 7, true)));
        try (Connection db = database.connect(); Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass('secret_change_outbox')")) {
            rs.next();
            assertThat(rs.getString(1)).isNull();
        }
    }

    private Flyway flyway(String target) {
        var config = Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("classpath:db/migration");
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }
}
