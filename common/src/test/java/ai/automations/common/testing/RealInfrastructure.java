package ai.automations.common.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker (shared by the test JVM) and a real, fresh PostgreSQL database,
 * and points the service's Kafka, reactive and JDBC (Flyway) configuration at them.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    private TestDatabase database;

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = KafkaBroker.shared();
        String module = System.getProperty("user.dir").replaceAll(".*[/\\\\]", "").replace("-service", "");
        database = TestDatabase.create(module);
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("quarkus.datasource.reactive.url", database.reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.user());
        config.put("quarkus.datasource.password", database.password());
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.drop();
        }
    }
}
