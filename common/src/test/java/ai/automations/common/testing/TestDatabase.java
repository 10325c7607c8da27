package ai.automations.common.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test run on the machine's server (127.0.0.1:5432 as {@code postgres} unless
 * {@code AUTOMATIONS_TEST_PG_HOST}, {@code _PORT}, {@code _USER}, {@code _PASSWORD} say otherwise). Its name is unique,
 * so tests never touch a running stack's databases; it is dropped when the run ends.
 */
public final class TestDatabase {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String name;

    private TestDatabase(String host, int port, String user, String password, String name) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** Creates a database named {@code test_<prefix>_<random>}. */
    public static TestDatabase create(String prefix) {
        String host = env("AUTOMATIONS_TEST_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("AUTOMATIONS_TEST_PG_PORT", "5432"));
        String user = env("AUTOMATIONS_TEST_PG_USER", "postgres");
        String password = env("AUTOMATIONS_TEST_PG_PASSWORD", "");
        String name = ("test_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        TestDatabase database = new TestDatabase(host, port, user, password, name);
        database.execute("CREATE DATABASE " + name);
        return database;
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    public void drop() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try {
            executeOnce(sql);
        } catch (SQLException first) {
            if (!startMachineCluster()) {
                throw refused(sql, first);
            }
            try {
                executeOnce(sql);
            } catch (SQLException second) {
                throw refused(sql, second);
            }
        }
    }

    private void executeOnce(String sql) throws SQLException {
        String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(admin, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The machines this project runs on have a PostgreSQL cluster; start it if it was stopped. */
    private static synchronized boolean startMachineCluster() {
        java.io.File[] versions = new java.io.File("/etc/postgresql").listFiles();
        if (versions == null || versions.length == 0) {
            return false;
        }
        try {
            for (java.io.File version : versions) {
                Process start = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version.getName(), "main",
                        "start").redirectErrorStream(true).start();
                start.getInputStream().readAllBytes();
                start.waitFor();
            }
            Thread.sleep(2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private IllegalStateException refused(String sql, SQLException e) {
        return new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused '" + sql
                + "'. Tests need a running PostgreSQL server (start the machine's with "
                + "'pg_ctlcluster --skip-systemctl-redirect 15 main start') or AUTOMATIONS_TEST_PG_* pointing at one.", e);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
