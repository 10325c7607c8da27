package ai.automations.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import ai.automations.common.event.Topics;

class RealInfrastructureTest {

    @Test
    void brokerCarriesRecordsAndHasTheContractTopics() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        try (var admin = broker.admin()) {
            assertThat(admin.listTopics().names().get()).contains(Topics.EVENTS, Topics.RUN_METRICS,
                    Topics.DEFINITIONS, Topics.ACTIONS, Topics.ACTIONS_DLQ);
        }
        String topic = "infra-check-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "infra-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            ConsumerRecord<String, String> received = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received = record;
                }
            }
            assertThat(received).isNotNull();
            assertThat(received.value()).isEqualTo("hello");
        }
    }

    @Test
    void databaseIsFreshAndDroppedAfterwards() throws Exception {
        TestDatabase database = TestDatabase.create("infra");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id int)");
            statement.execute("INSERT INTO probe VALUES (42)");
            try (ResultSet rows = statement.executeQuery("SELECT id FROM probe")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        }
        database.drop();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(database::connect)).isNotNull();
    }
}
