package ai.automations.trigger.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import ai.automations.common.automation.EventFilter;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.common.event.Topics;
import ai.automations.common.testing.KafkaBroker;
import ai.automations.common.testing.TestDatabase;
import ai.automations.common.testing.TestTopics;
import ai.automations.trigger.it.TriggerProcess;
import ai.automations.trigger.support.Fixtures;
import ai.automations.trigger.support.Kafka;

/**
 * (s) RUN_STALLED at scale: the packaged service with a 64 MB heap ({@code -Xmx64m}) arms the deadlines of 100,000
 * RUNNING runs (one history point each), then fires them all. Prints the live heap (after a full GC) before and after
 * (bytes per run), how long arming took beside the floor (the same number of points in an entity without RUN_STALLED
 * automations, evaluated by the same process), and how long firing 100,000 stalls took. The deadlines are moved into
 * the past in the database to fire them (as if the day had passed): the bench measures, it does not wait. Run with
 * {@code -Dbench.parts=s}; {@code -Dbench.stall.runs=N} changes the number of runs.
 */
final class StallBench {

    private static final Pattern TOTAL = Pattern.compile("Total\\s+\\d+\\s+(\\d+)");

    private StallBench() {
    }

    static void run() throws Exception {
        int runs = Integer.getInteger("bench.stall.runs", 100_000);
        KafkaBroker broker = KafkaBroker.start(Paths.get("target", "bench-kafka-stall"));
        TestDatabase database = TestDatabase.create("trigger_stall_bench");
        try {
            broker.createTopics(TestTopics.CONTRACT);
            try (Kafka kafka = new Kafka(broker.bootstrapServers())) {
                kafka.publishDefinition(Fixtures.automation("stalls", Fixtures.entityScope(), EventType.RUN_STALLED,
                        EventFilter.stalled(1440, null, null), true));
            }
            try (TriggerProcess service = TriggerProcess.start("trigger-stall-bench", broker.bootstrapServers(),
                    database, List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                    "-Dautomations.trigger.stall-check-interval=PT1S"))) {
                service.awaitReady(Duration.ofSeconds(180));
                long pid = pid(service);
                long idle = heapAfterGc(pid);
                long floorStart = System.nanoTime();
                publish(broker, "no-stalls", runs);
                awaitMetric(service, "trigger_metric_points_evaluated_total", runs);
                double floor = (System.nanoTime() - floorStart) / 1e9;
                long afterFloor = heapAfterGc(pid);

                long armStart = System.nanoTime();
                publish(broker, "stalls", runs);
                awaitCount(database, "SELECT count(*) FROM run_stall WHERE fired_at IS NULL", runs);
                double arming = (System.nanoTime() - armStart) / 1e9;
                long armed = heapAfterGc(pid);
                System.out.printf("(s) %,d RUNNING runs armed in %.1f s (%,.0f runs/s); floor, the same number of "
                        + "points with nothing to arm: %.1f s (%,.0f points/s)%n", runs, arming, runs / arming, floor,
                        runs / floor);
                System.out.printf("(s) heap after a full GC (-Xmx64m): idle %.1f MB, after %,d points without stalls "
                        + "%.1f MB, with %,d deadlines armed %.1f MB: %.1f bytes per RUNNING run (deadlines are held "
                        + "in PostgreSQL, not on the heap)%n", idle / 1e6, runs, afterFloor / 1e6, runs, armed / 1e6,
                        (armed - afterFloor) / (double) runs);

                long fireStart = System.nanoTime();
                try (var connection = database.connect(); var statement = connection.createStatement()) {
                    statement.executeUpdate("UPDATE run_stall SET last_history_at = now() - interval '1441 minutes', "
                            + "deadline_at = now() - interval '1 minute'");
                }
                long during = awaitFiredSampling(database, pid, runs);
                double firing = (System.nanoTime() - fireStart) / 1e9;
                long fired = heapAfterGc(pid);
                System.out.printf("(s) %,d stalls fired (action requests acknowledged by Kafka, then recorded) in "
                        + "%.1f s (%,.0f/s); heap after a full GC: at most %.1f MB while firing (live objects at 1/4, 1/2, 3/4 of "
                        + "the burst), %.1f MB after; service alive: %s%n", runs, firing, runs / firing, during / 1e6,
                        fired / 1e6, ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
                System.out.printf("(s) load average now %.2f%n",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        } finally {
            broker.stop();
            database.drop();
        }
    }

    /**
     * Waits until {@code runs} stalls have fired, taking the heap after a full GC when a quarter, half and three
     * quarters have: the most of those (what the burst holds on to while it runs). Fails if the service dies.
     */
    private static long awaitFiredSampling(TestDatabase database, long pid, long runs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        long most = 0;
        int quarter = 1;
        while (true) {
            long fired;
            try (var connection = database.connect(); var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT count(*) FROM run_stall WHERE fired_at IS NOT NULL")) {
                rows.next();
                fired = rows.getLong(1);
            }
            if (fired >= runs) {
                return most;
            }
            if (quarter <= 3 && fired >= runs * quarter / 4) {
                most = Math.max(most, heapAfterGc(pid));
                quarter++;
            }
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("the service died after " + fired + " of " + runs + " stalls fired");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + fired + " of " + runs + " stalls fired");
            }
            TriggerProcess.sleep(200);
        }
    }

    private static long pid(TriggerProcess service) throws Exception {
        var field = TriggerProcess.class.getDeclaredField("service");
        field.setAccessible(true);
        return ((ai.automations.common.testing.PackagedService) field.get(service)).pid();
    }

    private static void publish(KafkaBroker broker, String entity, int runs) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.ACKS_CONFIG, "1"),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < runs; i++) {
                String run = entity + "-run-" + i;
                RunMetricRecord point = Fixtures.point(entity, "p" + (i % 100), run, "train-" + i, "alice", "loss", 1,
                        0.5);
                producer.send(new ProducerRecord<>(Topics.RUN_METRICS, run, Kafka.JSON.writeValueAsString(point)));
            }
            producer.flush();
        }
    }

    private static void awaitMetric(TriggerProcess service, String sample, double atLeast) {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (service.metric(sample) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(sample + " did not reach " + atLeast);
            }
            TriggerProcess.sleep(200);
        }
    }

    private static void awaitCount(TestDatabase database, String sql, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (true) {
            try (var connection = database.connect(); var statement = connection.createStatement();
                    var rows = statement.executeQuery(sql)) {
                rows.next();
                if (rows.getLong(1) >= atLeast) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(sql + " did not reach " + atLeast);
            }
            TriggerProcess.sleep(200);
        }
    }

    /**
     * The service's live heap: the bytes of every object still reachable, counted by {@code jcmd GC.class_histogram}
     * (which runs a full collection first) in one step, so allocation between a collection and a later reading of
     * the heap's use cannot inflate it.
     */
    private static long heapAfterGc(long pid) throws Exception {
        String histogram = jcmd(pid, "GC.class_histogram");
        for (String line : histogram.split("\n")) {
            Matcher m = TOTAL.matcher(line.trim());
            if (m.matches()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new IllegalStateException("no total in the class histogram: " + histogram.lines().limit(3).toList());
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
