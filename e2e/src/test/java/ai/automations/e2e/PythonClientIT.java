package ai.automations.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.event.Topics;

/**
 * The Python SDK and CLI against the packaged suite: installed with pip into a fresh virtual environment, its
 * offline unit tests and its end-to-end tests ({@code clients/python/tests/e2e}) run with the suite's address, and
 * its run logger keeps every point through a restart of registry-service.
 */
class PythonClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Suite suite;
    private static PythonClient python;

    @BeforeAll
    static void start() {
        suite = Suite.get();
        python = PythonClient.get();
    }

    @Test
    void unitTestsPassAgainstTheInstalledPackage() {
        python.python(Map.of(), Duration.ofMinutes(5), "-m", "unittest", "discover", "-s", "tests/unit", "-v")
                .requireAllPassed("the Python SDK's unit tests");
    }

    @Test
    void endToEndTestsPassAgainstTheSuite() {
        python.python(PythonClient.suiteEnvironment(suite), Duration.ofMinutes(20), "-m", "unittest", "discover",
                "-s", "tests/e2e", "-v").requireAllPassed("the Python SDK's end-to-end tests");
    }

    @Test
    void theRunLoggerLosesNoPointWhileRegistryServiceRestarts() throws Exception {
        Process logger = python.start(PythonClient.suiteEnvironment(suite), "tests/e2e/log_through_restart.py");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(logger.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream in = logger.getOutputStream()) {
            String runId = JSON.readTree(out.readLine()).get("runId").asText();
            suite.kill("registry-service");
            suite.restart("registry-service");
            in.write("stop\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            String summaryLine = out.readLine();
            assertThat(logger.waitFor(5, TimeUnit.MINUTES)).as("the logger exits").isTrue();
            assertThat(logger.exitValue()).as("logger exit status; its output: %s", summaryLine).isZero();
            JsonNode summary = JSON.readTree(summaryLine);
            long logged = summary.get("logged").asLong();
            assertThat(summary.get("retries").asLong()).as("the outage was seen: %s", summary).isPositive();
            assertThat(summary.get("sent").asLong()).as("%s", summary).isEqualTo(logged);
            assertThat(summary.get("state").asText()).isEqualTo("FINISHED");
            assertThat(stepsOnKafka(runId, logged)).as("distinct steps of run %s on %s", runId, Topics.RUN_METRICS)
                    .isEqualTo(logged);
        } finally {
            logger.destroyForcibly();
        }
    }

    /** The distinct steps of a run on the run-metrics topic, read until {@code expected} are seen or a minute passes. */
    private static long stepsOnKafka(String runId, long expected) throws IOException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.broker().bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Set<Long> steps = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RUN_METRICS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (steps.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (runId.equals(record.key())) {
                        // one batch record per history call: its steps
                        JsonNode batch = JSON.readTree(record.value());
                        batch.get("steps").forEach(step -> steps.add(step.get("step").asLong()));
                    }
                }
            }
        }
        return steps.size();
    }
}
