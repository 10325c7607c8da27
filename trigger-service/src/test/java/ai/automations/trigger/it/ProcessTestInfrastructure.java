package ai.automations.trigger.it;

import java.nio.file.Paths;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import ai.automations.common.testing.KafkaBroker;
import ai.automations.common.testing.TestDatabase;
import ai.automations.common.testing.TestTopics;
import ai.automations.trigger.support.Kafka;

/**
 * What a test class that runs trigger-service processes needs around them, started before its tests and removed after:
 * a broker of its own (so that consumer groups and partition ownership start clean), a fresh database and the Kafka
 * helper. Registered with {@code @RegisterExtension} on a static field.
 */
final class ProcessTestInfrastructure implements BeforeAllCallback, AfterAllCallback {

    private final String databasePrefix;
    private KafkaBroker broker;
    private TestDatabase database;
    private Kafka kafka;

    ProcessTestInfrastructure(String databasePrefix) {
        this.databasePrefix = databasePrefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = KafkaBroker.start(Paths.get("target", "it-kafka"));
        broker.createTopics(TestTopics.CONTRACT);
        database = TestDatabase.create(databasePrefix);
        kafka = new Kafka(broker.bootstrapServers());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        kafka.close();
        broker.stop();
        database.drop();
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    TestDatabase database() {
        return database;
    }

    Kafka kafka() {
        return kafka;
    }

    /** Starts a trigger-service process (not yet ready) against this broker and database. */
    TriggerProcess trigger(String name) {
        return TriggerProcess.start(name, bootstrapServers(), database);
    }
}
