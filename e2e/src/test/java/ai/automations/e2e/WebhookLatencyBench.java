package ai.automations.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * History POST → webhook for a threshold rule, hop by hop, beside a plain HTTP round trip measured in the same run:
 * the same shape as {@link RegistryThroughputBench}'s row (a fresh run, one point over the threshold, timed to the
 * receiver), with each sample's path read back from what the services left behind on one clock (every process runs on
 * this machine): the {@code automation.run-metrics} record's create time (registry handed the batch to its producer),
 * the action request's {@code requestedAt} (trigger began evaluating the batch), the {@code automation.actions}
 * record's create time (trigger handed the request to its producer), the execution's {@code created_at} (action-service
 * read the request) and its first attempt's {@code at} (the call started). Medians of the per-sample hop deltas are
 * what to compare between builds on a loaded machine, with the CPU each service used per sample. Not part of the normal
 * build: {@code ./mvnw -B verify -Pbench -pl e2e -am -DskipTests -Dit.test=WebhookLatencyBench
 * -Dfailsafe.failIfNoSpecifiedTests=false [-Dbench.samples=200]}.
 */
class WebhookLatencyBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String E = "/api/v1/entities/wl";
    private static final String[] HOPS = {"registry: POST -> run-metrics send", "broker + trigger poll -> evaluating",
        "trigger: ledger read + actions send", "broker + action-service poll -> intake",
        "action-service: insert + dispatch -> call", "call -> receiver", "total (POST -> receiver)",
        "registry answered 202"};

    private final HttpClient blocking = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private RunHookReceiver hooks;
    private String key;
    private BenchHttp api;

    /** One sample as the client saw it. */
    private record Sample(String run, Instant sent, Instant answered, Instant arrived) {
    }

    @Test
    void historyToWebhookHopByHop() throws Exception {
        int samples = Integer.getInteger("bench.samples", 200);
        System.setProperty("e2e.tracing", System.getProperty("bench.tracing", "off"));
        Suite suite = Suite.get();
        key = suite.adminKey();
        api = new BenchHttp(key);
        RunHookReceiver receiver = RunHookReceiver.start();
        hooks = receiver;
        String registry = suite.url("registry-service");
        setUp(registry, receiver.url());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String load0 = RegistryThroughputBench.uptime();

        double plain = plainHttpP50(receiver.port(), samples);
        // warm-up: the first firings wait for the rule to reach trigger-service and compile every path
        run(registry, tag + "-w", 20, 60);
        // what each service spends with nothing to do: the background every sample competes with on a loaded machine
        Map<String, Long> idle0 = cpu(suite);
        long idleStart = System.nanoTime();
        Thread.sleep(Integer.getInteger("bench.idle-seconds", 5) * 1000L);
        double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
        Map<String, Long> cpu0 = cpu(suite);
        List<Sample> measured = run(registry, tag, samples, 10);
        Map<String, Long> cpu1 = cpu(suite);
        String load1 = RegistryThroughputBench.uptime();
        receiver.close();

        Map<String, Long> metricsCreated = createTimes(suite, "automation.run-metrics", tag, record -> record.key());
        Map<String, JsonNode> requests = new HashMap<>();
        Map<String, Long> actionsCreated = createTimes(suite, "automation.actions", tag, record -> {
            JsonNode request = read(record.value());
            String run = request.path("event").path("data").path("runId").asText(null);
            if (run != null) {
                requests.put(run, request);
            }
            return run;
        });
        Map<String, Instant[]> executions = executions(suite, tag);

        List<List<Double>> hops = new ArrayList<>();
        for (int i = 0; i < HOPS.length; i++) {
            hops.add(new ArrayList<>());
        }
        int complete = 0;
        for (Sample s : measured) {
            Long metric = metricsCreated.get(s.run());
            JsonNode request = requests.get(s.run());
            Long action = actionsCreated.get(s.run());
            Instant[] execution = executions.get(s.run());
            if (metric == null || request == null || action == null || execution == null) {
                continue;
            }
            complete++;
            Instant requested = java.time.OffsetDateTime.parse(request.get("requestedAt").asText()).toInstant();
            double[] d = {
                metric - micros(s.sent()) / 1000.0,
                requested.toEpochMilli() - metric,
                action - requested.toEpochMilli(),
                micros(execution[0]) / 1000.0 - action,
                (micros(execution[1]) - micros(execution[0])) / 1000.0,
                (micros(s.arrived()) - micros(execution[1])) / 1000.0,
                (micros(s.arrived()) - micros(s.sent())) / 1000.0,
                (micros(s.answered()) - micros(s.sent())) / 1000.0};
            for (int i = 0; i < d.length; i++) {
                hops.get(i).add(d[i]);
            }
        }

        System.out.printf("%nhistory POST -> webhook, threshold rule, sequential: %d samples (%d with every hop); "
                + "tracing %s; load before: %s; load after: %s%n", measured.size(), complete,
                suite.tracing() ? "on" : "off", load0, load1);
        System.out.println("| hop | p50 ms | p90 ms |");
        System.out.println("|---|---|---|");
        for (int i = 0; i < HOPS.length; i++) {
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f |%n", HOPS[i], percentile(hops.get(i), 50),
                    percentile(hops.get(i), 90));
        }
        List<Double> totals = new ArrayList<>();
        measured.forEach(s -> totals.add((micros(s.arrived()) - micros(s.sent())) / 1000.0));
        System.out.printf(Locale.ROOT, "total over all %d samples: p50 %.1f ms, p90 %.1f ms; plain HTTP p50 %.2f ms%n",
                totals.size(), percentile(totals, 50), percentile(totals, 90), plain);
        StringBuilder line = new StringBuilder("CPU ms per sample (/proc/<pid>/stat utime+stime):");
        cpu1.forEach((service, ticks) -> line.append(String.format(Locale.ROOT, " %s %.2f", service,
                (ticks - cpu0.getOrDefault(service, 0L)) * 10.0 / measured.size())));
        System.out.println(line);
        StringBuilder idle = new StringBuilder("idle CPU ms per second (no requests, same counters):");
        cpu0.forEach((service, ticks) -> idle.append(String.format(Locale.ROOT, " %s %.1f", service,
                (ticks - idle0.getOrDefault(service, 0L)) * 10.0 / idleSeconds)));
        System.out.println(idle);
        if (complete < measured.size() / 2) {
            throw new IllegalStateException("too few samples with every hop: " + complete);
        }
    }

    /** {@code n} sequential samples: a fresh run (the rule fires once per run), one point over the threshold. */
    private List<Sample> run(String base, String tag, int n, int timeoutSeconds) throws Exception {
        List<Sample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String run = tag + "-" + i;
            api.post(base + E + "/projects/hooks/runs", Map.of("id", run, "name", run), 201);
            CompletableFuture<Instant> hook = hooks.expect(run);
            Instant sent = Instant.now();
            HttpResponse<String> r = api.send(base + E + "/projects/hooks/runs/" + run + "/history",
                    "{\"step\":0,\"metrics\":{\"hook\":0.9}}");
            Instant answered = Instant.now();
            if (r.statusCode() != 202) {
                throw new IllegalStateException("history -> " + r.statusCode() + " " + r.body());
            }
            out.add(new Sample(run, sent, answered, hook.get(timeoutSeconds, TimeUnit.SECONDS)));
        }
        return out;
    }

    private void setUp(String base, String hookUrl) throws Exception {
        api.post(base + "/api/v1/entities", Map.of("name", "wl"), 201);
        api.post(base + E + "/projects", Map.of("name", "hooks"), 201);
        api.post(base + E + "/integrations", Map.of("kind", "webhook", "name", "hook", "url", hookUrl), 201);
        api.post(base + E + "/automations", Map.of("name", "hook-threshold",
                "scope", Map.of("type", "PROJECT", "project", "hooks"),
                "event", Map.of("type", "RUN_METRIC_THRESHOLD", "filter", Map.of("metric", "hook", "agg", "AVERAGE",
                        "window", 1, "cmp", ">", "threshold", 0.5)),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "hook", "payload",
                        Map.of("run", "${run_id}"))), 201);
    }

    /** Notes when each hook arrives (before reading its body) and answers 204. */
    /** The floor: the same client POSTing straight to the same receiver. */
    private double plainHttpP50(int port, int n) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n + 20; i++) {
            long start = System.nanoTime();
            blocking.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/plain"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(), HttpResponse.BodyHandlers.discarding());
            if (i >= 20) {
                ms.add((System.nanoTime() - start) / 1e6);
            }
        }
        return percentile(ms, 50);
    }

    /** The create time (ms) of each record on {@code topic} whose {@code runOf} starts with {@code tag}. */
    private static Map<String, Long> createTimes(Suite suite, String topic, String tag,
            java.util.function.Function<ConsumerRecord<String, String>, String> runOf) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.broker().bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, Long> out = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    String run = runOf.apply(record);
                    if (run != null && run.startsWith(tag + "-")) {
                        out.putIfAbsent(run, record.timestamp());
                    }
                }
            }
        }
        return out;
    }

    /** Per run: when action-service read its request and when the first attempt's call started. */
    private static Map<String, Instant[]> executions(Suite suite, String tag) throws Exception {
        Map<String, Instant[]> out = new HashMap<>();
        try (var c = suite.database("action-service").connect(); var st = c.prepareStatement("""
                SELECT action_request::jsonb->'event'->'data'->>'runId', created_at,
                       (attempts::jsonb->0->>'at')::timestamptz
                FROM execution WHERE attempt_count > 0 AND action_request::jsonb->'event'->'data'->>'runId' LIKE ?""")) {
            st.setString(1, tag + "-%");
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Instant[] {rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject(3, java.time.OffsetDateTime.class).toInstant()});
                }
            }
        }
        return out;
    }

    /** utime + stime (clock ticks, 10 ms) of each service's JVM. */
    private static Map<String, Long> cpu(Suite suite) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String service : Suite.SERVICES) {
            String stat = Files.readString(Path.of("/proc/" + suite.pid(service) + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            out.put(service, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        }
        return out;
    }



    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text == null ? "{}" : text);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static long micros(Instant t) {
        return TimeUnit.SECONDS.toMicros(t.getEpochSecond()) + t.getNano() / 1000;
    }

    private static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
