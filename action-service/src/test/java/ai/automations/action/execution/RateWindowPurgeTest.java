package ai.automations.action.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.automations.action.testing.Database;
import ai.automations.action.testing.Fixtures;
import ai.automations.action.testing.SecretsDouble;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Rate-limit windows that limit nothing any more (the last firing is older than the longest window, a day: the
 * automation was deleted or stopped firing) are deleted from the real database; windows still counting stay.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
@WithTestResource(SecretsDouble.class)
class RateWindowPurgeTest {

    private static final long DAY = 86_400_000L;

    @Inject
    ExecutionRepository executions;

    @Test
    void windowsWhoseFiringsNoLongerCountAreDeleted() throws SQLException {
        long now = System.currentTimeMillis();
        String deleted = Fixtures.unique("deleted");
        String quiet = Fixtures.unique("quiet");
        String busy = Fixtures.unique("busy");
        String lastHour = Fixtures.unique("hour");
        window(deleted, now - 3 * DAY, now - 2 * DAY);
        window(quiet, now - DAY - 60_000);
        window(busy, now - 2 * DAY, now - 1000);
        window(lastHour, now - 3_600_000);

        executions.purgeRateWindows().await().atMost(Duration.ofSeconds(20));

        assertThat(windows()).doesNotContain(deleted, quiet).contains(busy, lastHour);
    }

    private static void window(String automationId, long... fired) throws SQLException {
        try (Connection c = Database.connect();
                PreparedStatement s = c.prepareStatement("INSERT INTO rate_limit_window (automation_id, fired) VALUES (?, ?)")) {
            s.setString(1, automationId);
            Long[] values = new Long[fired.length];
            for (int i = 0; i < fired.length; i++) {
                values[i] = fired[i];
            }
            s.setArray(2, c.createArrayOf("bigint", values));
            s.executeUpdate();
        }
    }

    private static List<String> windows() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = Database.connect();
                PreparedStatement s = c.prepareStatement("SELECT automation_id FROM rate_limit_window");
                ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
