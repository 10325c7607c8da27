package ai.automations.e2e;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import ai.automations.common.event.Topics;

/**
 * The floor of the history benches: a plain producer with registry-service's run-metrics channel settings sending
 * records like the ones a 1,000-point history call produces (one batch record of 100 steps × 10 metrics), as fast as
 * the broker acknowledges them, to a fresh topic with as many partitions as the real one.
 */
final class HistoryKafkaFloor {

    private HistoryKafkaFloor() {
    }

    /** Points per second acknowledged over {@code seconds} (each record carries 1,000 points). */
    static double pointsPerSecond(Suite suite, String entity, int seconds) throws Exception {
        String topic = "bench.history-floor." + System.nanoTime();
        int partitions = suite.broker().admin().describeTopics(List.of(Topics.RUN_METRICS)).allTopicNames().get()
                .get(Topics.RUN_METRICS).partitions().size();
        suite.broker().createTopics(List.of(new NewTopic(topic, partitions, (short) 1)));
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.broker().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1, ProducerConfig.BATCH_SIZE_CONFIG, 262_144),
                new StringSerializer(), new StringSerializer())) {
            String now = Instant.now().toString();
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            for (long n = 0; System.nanoTime() < end; n++) {
                String run = "h" + (n % 8);
                producer.send(new ProducerRecord<>(topic, run, batchRecord(entity, run, n, now)), (m, e) -> {
                    if (e == null) {
                        acked.addAndGet(1000);
                    } else {
                        failed.set(e);
                    }
                });
            }
            producer.flush();
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (failed.get() != null) {
                throw failed.get();
            }
            return acked.get() / elapsed;
        }
    }

    /** The {@code automation.run-metrics} value registry-service writes for history call {@code n} of {@code run}. */
    static String batchRecord(String entity, String run, long n, String timestamp) {
        StringBuilder value = new StringBuilder(40_000).append("{\"entity\":\"").append(entity)
                .append("\",\"project\":\"p\",\"runId\":\"").append(run).append("\",\"runName\":\"").append(run)
                .append("\",\"user\":\"admin\",\"tags\":null,\"steps\":[");
        long first = n * 100;
        for (int s = 0; s < 100; s++) {
            value.append(s == 0 ? "" : ",").append("{\"step\":").append(first + s).append(",\"timestamp\":\"")
                    .append(timestamp).append("\",\"metrics\":{");
            for (int m = 0; m < 10; m++) {
                value.append(m == 0 ? "" : ",").append("\"metric_").append(m).append("\":")
                        .append(0.1 + (first + s + m) % 1000 / 10_000.0);
            }
            value.append("}}");
        }
        return value.append("]}").toString();
    }
}
