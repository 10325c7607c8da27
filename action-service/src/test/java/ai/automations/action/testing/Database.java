package ai.automations.action.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads the service's test database directly, to check what is really stored. */
public final class Database {

    private Database() {
    }

    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** Every column of every execution of an automation, as one text. */
    public static String executionRowsText(String automationId) {
        StringBuilder text = new StringBuilder();
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement("SELECT * FROM execution WHERE automation_id = ?")) {
            statement.setString(1, automationId);
            try (ResultSet rows = statement.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int i = 1; i <= columns; i++) {
                        text.append(rows.getMetaData().getColumnName(i)).append('=').append(rows.getString(i)).append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }
}
