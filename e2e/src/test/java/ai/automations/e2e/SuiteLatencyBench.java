package ai.automations.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import ai.automations.common.event.Topics;

/**
 * Event→webhook latency through the whole suite at a steady rate, beside the floor: a plain HTTP client posting the
 * same payload to the same receiver at the same rate in the same run. Two sources of events are measured: CloudEvents
 * published to {@code automation.events} (the contract lets external platforms do so; the clock starts at the send),
 * and alias additions through registry-service's API (the clock starts before the API call, so the figure includes
 * the registry's transaction and outbox). Not part of the normal build; run it with
 * {@code ./mvnw -B verify -Pbench -pl e2e -am -DskipTests} (see README). Rate and duration: {@code -Dbench.rate=200
 * -Dbench.seconds=30}; the API path at {@code -Dbench.api-rate=20} (an alias added and removed per event: registry-service
 * sustains about 50 writes/s today, and beyond it its pool wait times out and the backlog starves action-service's
 * lookups too), measured last. Throughput: a burst of {@code -Dbench.burst=4000} events published at once, delivered/s beside
 * the same burst of plain HTTP posts. Tracing: {@code -Dbench.tracing=off} (default), {@code on} (sampling 1.0, exported to the
 * in-process OTLP receiver) or {@code both} (off then on, the services restarted between, same run).
 */
class SuiteLatencyBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COLLECTIONS = 8;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AtomicInteger> failureKinds = new ConcurrentHashMap<>();
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final java.util.Queue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
    /** When the last counted webhook arrived ({@code System.nanoTime()}): a run lasts from its first send to it. */
    private volatile long lastDelivery;
    private Suite suite;

    @Test
    void eventToWebhookLatencyAtSteadyRate() throws Exception {
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int apiRate = Integer.getInteger("bench.api-rate", 20);
        int burstSize = Integer.getInteger("bench.burst", 4000);
        String tracingMode = System.getProperty("bench.tracing", "off");
        java.util.List<Boolean> modes = switch (tracingMode) {
            case "on" -> java.util.List.of(true);
            case "off" -> java.util.List.of(false);
            case "both" -> java.util.List.of(false, true);
            default -> throw new IllegalArgumentException("-Dbench.tracing must be on, off or both: " + tracingMode);
        };
        System.setProperty("e2e.tracing", modes.get(0) ? "on" : "off");
        suite = Suite.get();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        receiver.createContext("/", exchange -> {
            long now = System.nanoTime();
            String marker = JSON.readTree(exchange.getRequestBody().readAllBytes()).get("marker").asText();
            Long start = sentAt.remove(marker);
            if (start != null) {
                latenciesMicros.add((now - start) / 1_000);
                lastDelivery = now;
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
        String sink = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/sink";
        String[] aliasPaths = setUp(suite, sink);

        IntFunction<Sender> viaApi = n -> aliasAddedThenRemoved(suite, aliasPaths[n % COLLECTIONS], "b-" + n);
        IntFunction<Sender> direct = n -> send(request(sink, null, "{\"marker\":\"b-" + n + "\"}"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.broker().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer())) {
            IntFunction<Sender> viaEvents = n -> published(producer, n);

            java.util.List<String> summary = new java.util.ArrayList<>();
            Result events = null;
            for (int m = 0; m < modes.size(); m++) {
                boolean traced = modes.get(m);
                suite.tracing(traced);
                int base = m * 10_000_000;
                String label = traced ? " [tracing on, sampling 1.0]" : " [tracing off]";
                // the Kafka path first: the API path loads registry-service, which action-service also asks
                run("warm-up", viaEvents, rate, Math.max(5, seconds / 6), base);
                Result floor = run("plain HTTP client (floor)" + label, direct, rate, seconds, base + 1_000_000);
                events = run("event->webhook (Kafka event in)" + label, viaEvents, rate, seconds, base + 2_000_000);
                Result burstFloor = run("plain HTTP burst of " + burstSize + label, direct, burstSize * 10, 0.1,
                        base + 5_000_000);
                Result burst = run("event->webhook burst of " + burstSize + label, viaEvents, burstSize * 10, 0.1,
                        base + 4_000_000);
                run("warm-up", viaApi, apiRate, Math.max(5, seconds / 6), base + 100_000);
                Result api = run("API call->webhook (registry in, " + apiRate + "/s)" + label, viaApi, apiRate, seconds,
                        base + 3_000_000);
                int spans = suite.traces().spans().size();
                summary.add(String.format("%s%n%s%n%s%n%s%n%s%n%s%nratio to floor: event->webhook p50 %.1fx p99 %.1fx; "
                        + "API->webhook p50 %.1fx p99 %.1fx; burst throughput %.2fx%s", label, floor.line(),
                        events.line(), api.line(), burstFloor.line(), burst.line(), events.p50 / floor.p50,
                        events.p99 / floor.p99, api.p50 / floor.p50, api.p99 / floor.p99,
                        burst.throughput() / burstFloor.throughput(),
                        traced ? String.format("%nspans received by the in-process OTLP receiver so far: %d", spans) : ""));
            }
            receiver.stop(0);

            System.out.printf("%nSuite latency benchmark: %d events/s for %d s, %d collections, load average %.1f%n",
                    rate, seconds, COLLECTIONS, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            summary.forEach(System.out::println);
            System.out.println("failures by kind: " + failureKinds);
            assertThat(events.received).isPositive();
        }
    }

    /** Starts one event or request; completes with null on success or a failure description. */
    private interface Sender {
        java.util.concurrent.CompletableFuture<String> start();
    }

    private Sender send(HttpRequest request) {
        return () -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((r, t) -> t != null ? t.getClass().getSimpleName() : r.statusCode() >= 300 ? "HTTP " + r.statusCode() : null);
    }

    /** Adds an alias (the event) and, once that answered, removes it again so versions stay small. */
    private Sender aliasAddedThenRemoved(Suite suite, String aliasesPath, String alias) {
        String base = suite.url("registry-service");
        return () -> http.sendAsync(request(base + aliasesPath, suite.adminKey(), "{\"alias\":\"" + alias + "\"}"),
                HttpResponse.BodyHandlers.discarding()).thenCompose(added -> {
                    if (added.statusCode() >= 300) {
                        return java.util.concurrent.CompletableFuture.completedFuture("HTTP " + added.statusCode());
                    }
                    HttpRequest remove = HttpRequest.newBuilder(URI.create(base + aliasesPath + "/" + alias))
                            .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + suite.adminKey())
                            .DELETE().build();
                    return http.sendAsync(remove, HttpResponse.BodyHandlers.discarding())
                            .thenApply(removed -> removed.statusCode() >= 300 ? "HTTP " + removed.statusCode() + " (remove)" : null);
                }).exceptionally(t -> t.getClass().getSimpleName() + ": " + t.getCause());
    }

    private Sender published(KafkaProducer<String, String> producer, int n) {
        String collectionId = collectionIds[n % COLLECTIONS];
        String event = """
                {"specversion":"1.0","id":"bench-%d","source":"/bench","type":"ai.automations.ADD_ARTIFACT_ALIAS",
                 "subject":"bench/model/c%d:v0","time":"%s","datacontenttype":"application/json",
                 "data":{"entity":"bench","registry":"model","collection":"c%d","collectionId":"%s","version":"v0",
                         "versionIndex":0,"versionString":"bench/model/c%d:v0","alias":"b-%d","author":"bench"}}"""
                .formatted(n, n % COLLECTIONS, java.time.OffsetDateTime.now(), n % COLLECTIONS, collectionId,
                        n % COLLECTIONS, n);
        return () -> {
            var done = new java.util.concurrent.CompletableFuture<String>();
            producer.send(new ProducerRecord<>(Topics.EVENTS, collectionId, event),
                    (metadata, e) -> done.complete(e == null ? null : e.getClass().getSimpleName()));
            return done;
        };
    }

    private final String[] collectionIds = new String[COLLECTIONS];

    private String[] setUp(Suite suite, String sink) throws Exception {
        String base = suite.url("registry-service");
        String key = suite.adminKey();
        String e = "/api/v1/entities/bench";
        post(base + "/api/v1/entities", key, Map.of("name", "bench"));
        post(base + e + "/projects", key, Map.of("name", "p"));
        post(base + e + "/registries", key, Map.of("name", "model"));
        String[] paths = new String[COLLECTIONS];
        for (int c = 0; c < COLLECTIONS; c++) {
            collectionIds[c] = JSON.readTree(post(base + e + "/registries/model/collections", key,
                    Map.of("name", "c" + c, "type", "model"))).get("id").asText();
            post(base + e + "/integrations", key, Map.of("kind", "webhook", "name", "sink-" + c, "url", sink));
            post(base + e + "/automations", key, Map.of("name", "bench-" + c,
                    "scope", Map.of("type", "ARTIFACT_COLLECTION", "registry", "model", "collection", "c" + c),
                    "event", Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", "^b-")),
                    "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "sink-" + c,
                            "payload", Map.of("marker", "${alias}"))));
            String artifact = JSON.readTree(post(base + e + "/projects/p/artifacts", key,
                    Map.of("collection", "a" + c, "type", "model"))).get("id").asText();
            String version = JSON.readTree(post(base + e + "/registries/model/collections/c" + c + "/links", key,
                    Map.of("artifactId", artifact))).get("version").asText();
            paths[c] = e + "/registries/model/collections/c" + c + "/versions/" + version + "/aliases";
        }
        return paths;
    }

    /**
     * Sends {@code rate × seconds} events at {@code rate} per second and waits (up to a minute after the last) for
     * their webhooks. A high rate for a fraction of a second is a burst: its delivered/s is the throughput.
     */
    private Result run(String name, IntFunction<Sender> sender, int rate, double seconds, int firstMarker)
            throws Exception {
        latenciesMicros.clear();
        lastDelivery = 0;
        java.time.Instant runStart = java.time.Instant.now();
        Map<String, Long> commitsBefore = suite == null ? Map.of() : commits();
        Map<String, Long> cpuBefore = suite == null ? Map.of() : cpu();
        int total = (int) Math.round(rate * seconds);
        AtomicInteger failures = new AtomicInteger();
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        long periodNanos = 1_000_000_000L / rate;
        long started = System.nanoTime();
        var task = scheduler.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= total) {
                return;
            }
            int n = firstMarker + i;
            sentAt.put("b-" + n, System.nanoTime());
            sender.apply(n).start().thenAccept(failure -> {
                if (failure != null) {
                    failures.incrementAndGet();
                    failureKinds.computeIfAbsent(name + ": " + failure, k -> new AtomicInteger()).incrementAndGet();
                }
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        long deadline = started + TimeUnit.SECONDS.toNanos((long) Math.ceil(seconds) + 60);
        while ((next.get() < total || latenciesMicros.size() + failures.get() < total) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        task.cancel(false);
        scheduler.shutdownNow();
        double elapsed = (lastDelivery - started) / 1e9;
        long[] sorted = latenciesMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        Result result = new Result(name, total, sorted.length, failures.get(), elapsed > 0 ? elapsed
                : (System.nanoTime() - started) / 1e9, percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        System.out.printf("%s (load average %.1f)%n", result.line(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (suite != null) {
            stages(runStart, commitsBefore, total);
            Map<String, Long> cpuAfter = cpu();
            StringBuilder line = new StringBuilder("  CPU ms per event:");
            cpuAfter.forEach((service, ms) -> line.append(String.format(" %s %.2f", service,
                    (ms - cpuBefore.getOrDefault(service, 0L)) / (double) Math.max(1, result.received()))));
            System.out.println(line);
        }
        return result;
    }

    /** CPU time (ms) each service's process has used so far. */
    private Map<String, Long> cpu() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (String service : Suite.SERVICES) {
            out.put(service, ProcessHandle.of(suite.pid(service)).flatMap(p -> p.info().totalCpuDuration())
                    .map(Duration::toMillis).orElse(-1L));
        }
        return out;
    }

    /** Transactions committed so far in each service's database (the server's own count, pg_stat_database). */
    private Map<String, Long> commits() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (String service : Suite.SERVICES) {
            var db = suite.database(service);
            try (var c = db.connect(); var st = c.prepareStatement(
                    "SELECT xact_commit FROM pg_stat_database WHERE datname = ?")) {
                st.setString(1, db.name());
                try (var rs = st.executeQuery()) {
                    out.put(service, rs.next() ? rs.getLong(1) : 0L);
                }
            } catch (java.sql.SQLException e) {
                out.put(service, -1L);
            }
        }
        return out;
    }

    /**
     * Where an event's time went, per stage, from what action-service stored about the run's executions (one clock:
     * every process runs on this machine): event time → trigger's request (Kafka in, evaluation), → execution stored
     * (automation.actions, intake), → call started (dispatch, lookups, lane), → attempt recorded (call, record). And
     * the transactions each service's database committed per event in the run, and the CPU time each service used
     * per event delivered (both load-independent).
     */
    private void stages(java.time.Instant since, Map<String, Long> before, int events) {
        String sql = """
                WITH x AS (
                  SELECT (action_request::jsonb->'event'->>'time')::timestamptz AS evt,
                         (action_request::jsonb->>'requestedAt')::timestamptz AS req, created_at,
                         (attempts::jsonb->0->>'at')::timestamptz AS sent, finished_at
                  FROM execution WHERE created_at >= ? AND attempt_count > 0),
                d AS (
                  SELECT extract(epoch FROM req - evt) * 1000 AS trig, extract(epoch FROM created_at - req) * 1000 AS intake,
                         extract(epoch FROM sent - created_at) * 1000 AS dispatch,
                         extract(epoch FROM finished_at - sent) * 1000 AS call FROM x)
                SELECT count(*),
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY trig), percentile_cont(0.99) WITHIN GROUP (ORDER BY trig),
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY intake), percentile_cont(0.99) WITHIN GROUP (ORDER BY intake),
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY dispatch), percentile_cont(0.99) WITHIN GROUP (ORDER BY dispatch),
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY call), percentile_cont(0.99) WITHIN GROUP (ORDER BY call)
                FROM d""";
        try (var c = suite.database("action-service").connect(); var st = c.prepareStatement(sql)) {
            st.setObject(1, java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
            try (var rs = st.executeQuery()) {
                rs.next();
                System.out.printf("  stages ms p50/p99 (%d executions): event->trigger request %.1f/%.1f, ->execution "
                        + "stored %.1f/%.1f, ->call started %.1f/%.1f, ->attempt recorded %.1f/%.1f%n", rs.getLong(1),
                        rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6),
                        rs.getDouble(7), rs.getDouble(8), rs.getDouble(9));
            }
        } catch (java.sql.SQLException e) {
            System.out.println("  stages: not read (" + e.getMessage() + ")");
        }
        Map<String, Long> after = commits();
        StringBuilder line = new StringBuilder("  transactions committed per event:");
        after.forEach((service, n) -> line.append(String.format(" %s %.2f", service,
                (n - before.getOrDefault(service, 0L)) / (double) Math.max(1, events))));
        System.out.println(line);
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }

    private HttpRequest request(String url, String key, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder.build();
    }

    private String post(String url, String key, Map<String, ?> body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(url, key, JSON.writeValueAsString(body)),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private record Result(String name, int sent, int received, int failed, double seconds, double p50, double p90,
            double p99, long maxMicros) {
        /** Deliveries per second from the first send to the last delivery (or the wait's end). */
        double throughput() {
            return received / seconds;
        }

        String line() {
            return String.format("%-30s sent %d, delivered %d, failed %d in %.1f s (%.0f/s delivered); "
                    + "latency ms p50 %.1f p90 %.1f p99 %.1f max %.1f", name, sent, received, failed, seconds,
                    received / seconds, p50, p90, p99, maxMicros / 1000.0);
        }
    }

}
