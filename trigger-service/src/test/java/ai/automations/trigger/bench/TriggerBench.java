package ai.automations.trigger.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.common.event.Topics;
import ai.automations.common.testing.KafkaBroker;
import ai.automations.common.testing.TestDatabase;
import ai.automations.common.testing.TestTopics;
import ai.automations.trigger.definition.AutomationIndex;
import ai.automations.trigger.evaluation.CompiledAutomation;
import ai.automations.trigger.it.TriggerProcess;
import ai.automations.trigger.metric.Firing;
import ai.automations.trigger.metric.MetricEngine;
import ai.automations.trigger.metric.PartitionWindows;
import ai.automations.trigger.support.Kafka;

/**
 * The trigger-service benchmark: (a) in-process evaluation throughput on one thread, (b) end to end from Kafka through
 * the packaged service, with a plain KafkaConsumer reading the same records as baseline, (c) heap per active (run,
 * metric) window, (d) catching up with the definitions topic on start (reader against a consumer group), (e) reading
 * {@code automation.events} records in structured and binary mode against the read before binary mode was accepted,
 * (s) RUN_STALLED deadlines of 100,000 RUNNING runs in a 64 MB heap ({@link StallBench}), (w) only (a)'s pairs
 * with and without {@code where} ({@code -Dbench.where.pairs=N}, default 12; (b) alternates
 * {@code -Dbench.e2e.pairs=N} pairs, default 1). Run with
 * {@code ./mvnw -B -pl common,trigger-service -Pbench verify -DskipTests}; prints figures, asserts nothing.
 */
public final class TriggerBench {

    private static final long DAY = 24 * 3600_000L;

    public static void main(String[] args) throws Exception {
        String parts = args.length > 0 ? args[0] : "abc";
        System.out.printf("trigger-service bench on %d cores, load average %.2f, %s%n",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        BenchFleet fleet = new BenchFleet();
        if (parts.contains("w") && !parts.contains("a")) {
            whereAgainstPlain(new BenchFleet(true), fleet, Integer.getInteger("bench.where.pairs", 12));
        }
        if (parts.contains("a")) {
            double base = inProcess(fleet, List.of(), "");
            double crowded = inProcess(fleet, fleet.unrelated(900, 10),
                    " with 10,000 more automations in 900 other projects and on 10 other metrics");
            System.out.printf("(a) cost per point independent of unrelated automations: throughput ratio %.2f%n", crowded / base);
            whereAgainstPlain(new BenchFleet(true), fleet, Integer.getInteger("bench.where.pairs", 12));
        }
        if (parts.contains("c")) {
            heapPerWindow(fleet);
        }
        if (parts.contains("s")) {
            StallBench.run();
        }
        if (parts.contains("b")) {
            BenchFleet whereFleet = new BenchFleet(true);
            int pairs = Integer.getInteger("bench.e2e.pairs", 1);
            List<Double> ratios = new ArrayList<>();
            for (int pair = 0; pair < pairs; pair++) {
                // ABBA: without first in even pairs, with first in odd ones
                boolean withFirst = (pair & 1) == 1;
                double first = endToEnd(withFirst ? whereFleet : fleet);
                double second = endToEnd(withFirst ? fleet : whereFleet);
                double with = withFirst ? first : second;
                double without = withFirst ? second : first;
                ratios.add(with / without);
                System.out.printf("(b) where on every rule, pair %d: end-to-end throughput ratio %.2f (with %,.0f, "
                        + "without %,.0f points/s), load average %.2f%n", pair + 1, with / without, with, without,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
            System.out.printf("(b) where on every rule: end-to-end throughput ratios %s%n", ratios);
        }
        if (parts.contains("d")) {
            DefinitionsCatchUp.run(fleet, 50_000);
        }
        if (parts.contains("e")) {
            EventDecodingBench.run();
        }
        System.out.printf("load average at the end: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static AutomationIndex index(BenchFleet fleet) {
        return index(fleet, List.of());
    }

    private static AutomationIndex index(BenchFleet fleet, List<AutomationDefinition> more) {
        List<CompiledAutomation> compiled = new ArrayList<>();
        List<AutomationDefinition> all = new ArrayList<>(fleet.automations);
        all.addAll(more);
        for (AutomationDefinition d : all) {
            compiled.add(CompiledAutomation.compile(d));
        }
        return AutomationIndex.of(1, compiled);
    }

    /** (a): points per second through {@link MetricEngine#apply} on one thread, with steady-state windows. */
    private static double inProcess(BenchFleet fleet, List<AutomationDefinition> unrelated, String variant) {
        AutomationIndex index = index(fleet, unrelated);
        MetricEngine engine = new MetricEngine(DAY);
        PartitionWindows partition = new PartitionWindows(0);
        List<Firing> firings = new ArrayList<>();
        int stepsPerRound = 17;
        long step = 1;
        double[] rates = new double[10];
        for (int round = -6; round < rates.length; round++) {
            List<RunMetricRecord> points = fleet.points(step, stepsPerRound, true);
            step += stepsPerRound;
            System.gc();
            long now = System.currentTimeMillis();
            long start = System.nanoTime();
            for (int i = 0, n = points.size(); i < n; i++) {
                engine.apply(partition, points.get(i), index, now, firings);
            }
            long nanos = System.nanoTime() - start;
            if (round >= 0) {
                rates[round] = points.size() / (nanos / 1e9);
            }
            firings.clear();
        }
        Arrays.sort(rates);
        System.out.printf("(a) in-process evaluation, one thread%s: median %,.0f points/s (min %,.0f, max %,.0f) over %d "
                + "rounds of %,d points; %d automations indexed, %d runs in %d projects, %,d windows%n", variant,
                rates[rates.length / 2], rates[0], rates[rates.length - 1], rates.length,
                stepsPerRound * BenchFleet.RUNS * BenchFleet.METRICS.length, index.size(), BenchFleet.RUNS,
                BenchFleet.PROJECTS, partition.windowCount());
        return rates[rates.length / 2];
    }

    /**
     * (a) where on every rule against the same fleet without: two engines with their own windows, each on its own
     * thread ({@code where} and {@code plain}, so a profiler tells them apart), fed the same rounds of points one after
     * the other, never at once, in the order ABBA so that neither always runs first. Load changes hit both sides of a
     * pair alike; prints the median of the per-pair throughput ratios (with / without) and their spread.
     */
    private static void whereAgainstPlain(BenchFleet with, BenchFleet without, int pairs) throws Exception {
        Side where = new Side("where", index(with));
        Side plain = new Side("plain", index(without));
        int stepsPerRound = 17;
        long step = 1;
        double[] ratios = new double[pairs];
        double[] withRates = new double[pairs];
        double[] withoutRates = new double[pairs];
        try {
            for (int pair = -6; pair < pairs; pair++) {
                List<RunMetricRecord> points = with.points(step, stepsPerRound, true);
                step += stepsPerRound;
                boolean whereFirst = (pair & 1) == 0;
                double first = (whereFirst ? where : plain).round(points);
                double second = (whereFirst ? plain : where).round(points);
                if (pair >= 0) {
                    withRates[pair] = whereFirst ? first : second;
                    withoutRates[pair] = whereFirst ? second : first;
                    ratios[pair] = withRates[pair] / withoutRates[pair];
                }
            }
        } finally {
            where.close();
            plain.close();
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        Arrays.sort(withRates);
        Arrays.sort(withoutRates);
        System.out.printf("(a) where on every rule, in-process, one thread each, %d pairs of rounds of %,d points "
                + "alternated (ABBA): median with %,.0f points/s, without %,.0f points/s; throughput ratio with/without: "
                + "median %.3f (min %.3f, max %.3f; %d windows each)%n", pairs,
                stepsPerRound * BenchFleet.RUNS * BenchFleet.METRICS.length, withRates[pairs / 2],
                withoutRates[pairs / 2], sorted[pairs / 2], sorted[0], sorted[pairs - 1], where.partition.windowCount());
        System.out.printf("(a) per-pair ratios in order: %s%n", Arrays.toString(Arrays.stream(ratios)
                .map(r -> Math.round(r * 1000) / 1000.0).toArray()));
    }

    /** One engine with its own windows, evaluating on its own thread. */
    private static final class Side {
        final AutomationIndex index;
        final MetricEngine engine = new MetricEngine(DAY);
        final PartitionWindows partition = new PartitionWindows(0);
        final List<Firing> firings = new ArrayList<>();
        final java.util.concurrent.ExecutorService thread;

        Side(String name, AutomationIndex index) {
            this.index = index;
            this.thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        }

        /** Points per second of one round, after a full GC. */
        double round(List<RunMetricRecord> points) throws Exception {
            System.gc();
            return thread.submit(() -> {
                long now = System.currentTimeMillis();
                long start = System.nanoTime();
                for (int i = 0, n = points.size(); i < n; i++) {
                    engine.apply(partition, points.get(i), index, now, firings);
                }
                long nanos = System.nanoTime() - start;
                firings.clear();
                return points.size() / (nanos / 1e9);
            }).get();
        }

        void close() {
            thread.shutdownNow();
        }
    }

    /** (c): retained heap of the window state divided by the number of (run, metric) windows. */
    private static void heapPerWindow(BenchFleet fleet) {
        AutomationIndex index = index(fleet);
        MetricEngine engine = new MetricEngine(DAY);
        List<Firing> firings = new ArrayList<>();
        long before = usedHeap();
        PartitionWindows partition = new PartitionWindows(0);
        for (long step = 1; step <= 70; step += 10) {
            for (RunMetricRecord point : fleet.points(step, 10, true)) {
                engine.apply(partition, point, index, 0, firings);
            }
        }
        firings.clear();
        long after = usedHeap();
        int windows = partition.windowCount();
        System.out.printf("(c) heap per active (run, metric) window: %,d bytes (%,d windows of capacity 5..60 values, "
                + "%,d bytes in all, run bookkeeping included)%n", (after - before) / windows, windows, after - before);
        if (partition.run(BenchFleet.ENTITY, fleet.runProjects[0], fleet.runIds[0]) == null) {
            throw new IllegalStateException("state was not built");
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** (b): the packaged service consuming pre-published points, against a plain consumer of the same records. */
    private static double endToEnd(BenchFleet fleet) throws Exception {
        KafkaBroker broker = KafkaBroker.start(Paths.get("target", "bench-kafka"));
        TestDatabase database = TestDatabase.create("trigger_bench");
        try {
            broker.createTopics(TestTopics.CONTRACT);
            try (Kafka kafka = new Kafka(broker.bootstrapServers())) {
                for (AutomationDefinition d : fleet.automations) {
                    kafka.publishDefinition(d);
                }
            }
            int steps = 20;
            long total = publish(broker, fleet, steps);
            double[] plain = plainConsumer(broker, total);
            double[] service = service(broker, database, total);
            System.out.printf("(b) end to end from Kafka through evaluation: %,.0f points/s; plain KafkaConsumer reading "
                    + "the same %,d records: %,.0f records/s; ratio %.2f%n", service[0], total, plain[0], service[0] / plain[0]);
            System.out.printf("(b) CPU per record: service %.2f us (all threads: fetch, JSON, evaluation, checkpoints, GC), "
                    + "plain consumer %.2f us; on 2 idle cores that is at most %,.0f points/s for the service%n",
                    service[1], plain[1], 2e6 / service[1]);
            return service[0];
        } finally {
            broker.stop();
            database.drop();
        }
    }

    private static long publish(KafkaBroker broker, BenchFleet fleet, int steps) throws Exception {
        long count = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.ACKS_CONFIG, "1"), new StringSerializer(), new StringSerializer())) {
            for (int s = 1; s <= steps; s++) {
                for (RunMetricRecord point : fleet.points(s, 1, true)) {
                    producer.send(new ProducerRecord<>(Topics.RUN_METRICS, point.runId(), Kafka.JSON.writeValueAsString(point)));
                    count++;
                }
            }
            producer.flush();
        }
        System.out.printf("    published %,d points in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        return count;
    }

    /** Records per second and CPU microseconds per record of this JVM while reading. */
    private static double[] plainConsumer(KafkaBroker broker, long total) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RUN_METRICS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long bytes = 0;
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            while (read < total) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (var record : records) {
                    bytes += record.value().length;
                }
                read += records.count();
            }
            double rate = read / ((System.nanoTime() - start) / 1e9);
            double cpuMicros = (processCpuNanos() - cpuStart) / 1e3 / read;
            System.out.printf("    plain KafkaConsumer: %,d records (%,d bytes of values) at %,.0f records/s, %.2f us CPU each%n",
                    read, bytes, rate, cpuMicros);
            return new double[] { rate, cpuMicros };
        }
    }

    /** JVM options of the benchmarked service: 1 GB heap plus {@code -Dbench.service.opts="..."} (space-separated). */
    private static List<String> serviceOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx1g"));
        String extra = System.getProperty("bench.service.opts", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(Arrays.asList(extra.split("\\s+")));
        }
        return options;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Points per second and CPU microseconds per point of the service process while it evaluates them. */
    private static double[] service(KafkaBroker broker, TestDatabase database, long total) {
        try (TriggerProcess service = TriggerProcess.start("trigger-bench", broker.bootstrapServers(), database,
                serviceOptions())) {
            service.awaitReady(Duration.ofSeconds(180));
            String counter = "trigger_metric_points_evaluated_total";
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            double first = -1;
            long firstAt = 0;
            Duration firstCpu = Duration.ZERO;
            double last = 0;
            long lastAt = 0;
            while (System.nanoTime() < deadline) {
                double value = service.metric(counter);
                long at = System.nanoTime();
                if (value >= total / 4 && first < 0) {
                    first = value;
                    firstAt = at;
                    firstCpu = service.cpuTime();
                }
                if (value >= 0) {
                    last = value;
                    lastAt = at;
                }
                if (value >= total) {
                    break;
                }
                TriggerProcess.sleep(100);
            }
            if (last < total) {
                throw new IllegalStateException("the service evaluated only " + last + " of " + total + " points");
            }
            double rate = (last - first) / ((lastAt - firstAt) / 1e9);
            double cpuMicros = service.cpuTime().minus(firstCpu).toNanos() / 1e3 / (last - first);
            System.out.printf("    service: %,.0f points evaluated after the first quarter (JIT warm-up), %,.0f points/s, "
                    + "%.2f us CPU each%n", last - first, rate, cpuMicros);
            return new double[] { rate, cpuMicros };
        }
    }
}
