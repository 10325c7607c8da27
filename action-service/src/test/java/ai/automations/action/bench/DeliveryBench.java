package ai.automations.action.bench;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.action.testing.Await;
import ai.automations.action.testing.Fixtures;
import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.event.Topics;
import ai.automations.common.testing.KafkaBroker;
import ai.automations.common.testing.PackagedService;
import ai.automations.common.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/**
 * Deliveries per second through action-service (the packaged jar in its own JVM: Kafka in, PostgreSQL schedule,
 * webhook out) to a local receiver, next to a plain Vert.x HTTP client posting the same body to the same receiver in
 * the same run (the floor), plus the latency from publishing an action request to its arrival at a steady 200/s.
 * Run with {@code ./mvnw -B -pl common,action-service verify -Pbench}; figures are printed and written to
 * {@code action-service/target/bench-results.txt}.
 */
class DeliveryBench {

    private static final String ENTITY = "bench";
    private static final int INTEGRATIONS = Integer.getInteger("bench.integrations", 8);
    private static final int CONCURRENCY_PER_INTEGRATION = Integer.getInteger("bench.concurrency", 16);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 3000);
    private static final int MEASURED = Integer.getInteger("bench.deliveries", 10000);
    private static final int STEADY_RATE = Integer.getInteger("bench.rate", 200);
    private static final int STEADY_SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final int FLOOR_CONCURRENCY = INTEGRATIONS * CONCURRENCY_PER_INTEGRATION;

    private final AtomicInteger received = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private volatile boolean recordLatency;

    @Test
    void deliveriesPerSecondAgainstThePlainClientFloor() throws Exception {
        String loadBefore = Files.readString(Paths.get("/proc/loadavg")).trim();
        KafkaBroker broker = KafkaBroker.shared();
        TestDatabase database = TestDatabase.create("action_bench");
        Vertx vertx = Vertx.vertx();
        PackagedService service = null;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, "2"), new StringSerializer(), new StringSerializer())) {
            HttpServer receiver = receiver(vertx);
            HttpServer registry = registry(vertx, receiver.actualPort());
            List<AutomationDefinition> automations = new ArrayList<>();
            for (int i = 0; i < INTEGRATIONS; i++) {
                automations.add(new AutomationDefinition("bench-automation-" + i, ENTITY, "bench", null, true, null, null,
                        Fixtures.webhook("bench-" + i, "{\"event\":\"${event_type}\",\"version\":\"${artifact_version_string}\","
                                + "\"sent\":\"${artifact_metadata.sent}\",\"pad\":\"" + "x".repeat(200) + "\"}"),
                        "bench", null, null));
            }
            service = start(database, broker, registry.actualPort());

            publish(producer, automations, WARMUP);
            awaitReceived(WARMUP, Duration.ofMinutes(5));

            double floorBefore = floor(vertx, receiver.actualPort(), MEASURED);
            received.set(0);
            long start = System.nanoTime();
            publish(producer, automations, MEASURED);
            awaitReceived(MEASURED, Duration.ofMinutes(10));
            double serviceRate = MEASURED / ((System.nanoTime() - start) / 1e9);
            double floorAfter = floor(vertx, receiver.actualPort(), MEASURED);
            double floorRate = (floorBefore + floorAfter) / 2;

            received.set(0);
            recordLatency = true;
            long steadyFrom = System.currentTimeMillis();
            int steady = STEADY_RATE * STEADY_SECONDS;
            long begin = System.nanoTime();
            for (int i = 0; i < steady; i++) {
                long due = begin + (long) (i * 1e9 / STEADY_RATE);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                send(producer, automations.get(i % automations.size()));
            }
            producer.flush();
            awaitReceived(steady, Duration.ofMinutes(5));
            recordLatency = false;
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);

            String stages = stages(database, steadyFrom);
            List<Long> kafkaHop = kafkaHop(broker, producer);
            String loadAfter = Files.readString(Paths.get("/proc/loadavg")).trim();

            String report = String.format(Locale.ROOT, """
                    action-service delivery benchmark (%d cores; load average before: %s; after: %s)
                      through action-service (Kafka -> PostgreSQL -> webhook), %d deliveries, %d integrations x %d in flight:
                        %.0f deliveries/s
                      plain Vert.x HTTP client, same receiver and body, %d requests, %d in flight (the floor),
                      measured just before and just after:
                        %.0f and %.0f requests/s (mean %.0f)
                      ratio action-service / floor: %.3f
                      action request published -> webhook received, steady %d/s for %d s (%d deliveries):
                        p50 %d ms, p90 %d ms, p99 %d ms, max %d ms
                      of which (p50 / p90 / p99, from the executions' own timestamps):
                    %s
                      for reference, the Kafka hop alone (producer -> plain consumer, same broker, same rate, 5 s):
                        p50 %d ms, p90 %d ms, p99 %d ms
                    """, Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter, MEASURED, INTEGRATIONS,
                    CONCURRENCY_PER_INTEGRATION, serviceRate, MEASURED, FLOOR_CONCURRENCY, floorBefore, floorAfter, floorRate,
                    serviceRate / floorRate,
                    STEADY_RATE, STEADY_SECONDS, sorted.size(), percentile(sorted, 50), percentile(sorted, 90),
                    percentile(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), stages,
                    percentile(kafkaHop, 50), percentile(kafkaHop, 90), percentile(kafkaHop, 99));
            System.out.println(report);
            Files.writeString(Paths.get("target", "bench-results.txt"), report);
        } finally {
            if (service != null) {
                service.stop();
            }
            vertx.close();
            if (Boolean.getBoolean("bench.keep-database")) {
                System.out.println("bench database kept: " + database.name());
            } else {
                database.drop();
            }
        }
    }

    private HttpServer receiver(Vertx vertx) throws Exception {
        return vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (recordLatency) {
                String sent = new JsonObject(body).getString("sent");
                if (sent != null && !sent.isEmpty()) {
                    latencies.add(System.currentTimeMillis() - Long.parseLong(sent));
                }
            }
            received.incrementAndGet();
            request.response().setStatusCode(200).end("ok");
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** registry-service's internal answers: every bench automation is enabled, integration i posts to the receiver. */
    private static HttpServer registry(Vertx vertx, int receiverPort) throws Exception {
        return vertx.createHttpServer().requestHandler(request -> {
            String path = request.path();
            String body;
            if (path.startsWith("/internal/v1/automations/")) {
                String id = path.substring(path.lastIndexOf('/') + 1);
                body = new JsonObject().put("id", id).put("entity", ENTITY).put("name", "bench").put("enabled", true).encode();
            } else if (path.startsWith("/internal/v1/entities/" + ENTITY + "/integrations/")) {
                String name = path.substring(path.lastIndexOf('/') + 1);
                body = new JsonObject().put("entity", ENTITY).put("name", name).put("kind", "webhook")
                        .put("url", "http://127.0.0.1:" + receiverPort + "/hooks/" + name).put("disabled", false).encode();
            } else {
                request.response().setStatusCode(404).end();
                return;
            }
            request.response().putHeader("Content-Type", "application/json").end(body);
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static void publish(KafkaProducer<String, String> producer, List<AutomationDefinition> automations, int count) {
        for (int i = 0; i < count; i++) {
            send(producer, automations.get(i % automations.size()));
        }
        producer.flush();
    }

    private static void send(KafkaProducer<String, String> producer, AutomationDefinition automation) {
        ObjectNode data = (ObjectNode) Fixtures.json("""
                {"entity":"bench","registry":"model","collection":"c","version":"v1","versionIndex":1,
                 "versionString":"bench/model/c:v1","alias":"production","author":"bench"}""");
        data.putObject("metadata").put("sent", Long.toString(System.currentTimeMillis()));
        CloudEvent event = CloudEvent.of(UUID.randomUUID().toString(), "/bench", EventType.ADD_ARTIFACT_ALIAS, null,
                OffsetDateTime.now(ZoneOffset.UTC), data);
        ActionRequest request = ActionRequest.of(automation, event, OffsetDateTime.now(ZoneOffset.UTC));
        producer.send(new ProducerRecord<>(Topics.ACTIONS, automation.id(), Fixtures.write(request)));
    }

    private void awaitReceived(int count, Duration timeout) {
        Await.until(count + " deliveries (" + received.get() + " so far)", timeout, () -> received.get() >= count);
    }

    /** The same body POSTed by a plain client with {@link #FLOOR_CONCURRENCY} requests in flight. */
    private static double floor(Vertx vertx, int port, int count) throws Exception {
        io.vertx.core.http.HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(FLOOR_CONCURRENCY).setKeepAlive(true));
        Buffer body = Buffer.buffer("{\"event\":\"ADD_ARTIFACT_ALIAS\",\"version\":\"bench/model/c:v1\",\"sent\":\"\",\"pad\":\""
                + "x".repeat(200) + "\"}");
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(count);
        long start = System.nanoTime();
        for (int i = 0; i < FLOOR_CONCURRENCY; i++) {
            postNext(client, port, body, next, count, done);
        }
        done.await(5, TimeUnit.MINUTES);
        double rate = count / ((System.nanoTime() - start) / 1e9);
        client.close();
        return rate;
    }

    private static void postNext(io.vertx.core.http.HttpClient client, int port, Buffer body, AtomicInteger next, int count,
            CountDownLatch done) {
        if (next.getAndIncrement() >= count) {
            return;
        }
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI("/hooks/floor").putHeader("Content-Type", "application/json"))
                .compose(request -> request.send(body))
                .compose(response -> response.body())
                .onComplete(result -> {
                    done.countDown();
                    postNext(client, port, body, next, count, done);
                });
    }

    /**
     * Where the steady phase's time went: publish to the execution being built by the consumer (Kafka), to the call
     * leaving (claim, registry lookup, rendering, lane), and the call itself.
     */
    private static String stages(TestDatabase database, long steadyFrom) throws Exception {
        String sql = """
                WITH x AS (
                  SELECT created_at, ((attempts::jsonb)->0->>'at')::timestamptz AS sent_at,
                         ((attempts::jsonb)->0->>'durationMs')::float AS call_ms,
                         to_timestamp(((action_request::jsonb)#>>'{event,data,metadata,sent}')::bigint / 1000.0) AS published
                  FROM execution
                  WHERE ((action_request::jsonb)#>>'{event,data,metadata,sent}')::bigint >= ?)
                SELECT percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM created_at - published) * 1000),
                       percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at) * 1000),
                       percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY call_ms)
                FROM x""";
        try (java.sql.Connection connection = database.connect();
                java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, steadyFrom);
            try (java.sql.ResultSet row = statement.executeQuery()) {
                row.next();
                return String.join("\n",
                        "    published -> consumer has it (Kafka):                       " + triple(row.getArray(1)) + " ms",
                        "    -> call leaves (insert, registry lookup, render, lane):      " + triple(row.getArray(2)) + " ms",
                        "    the HTTP call:                                              " + triple(row.getArray(3)) + " ms");
            }
        }
    }

    private static String triple(java.sql.Array array) throws java.sql.SQLException {
        Object[] values = (Object[]) array.getArray();
        StringBuilder out = new StringBuilder();
        for (Object value : values) {
            out.append(out.length() == 0 ? "" : " / ").append(Math.round(((Number) value).doubleValue()));
        }
        return out.toString();
    }

    /** Publish -> poll latency of a plain consumer at the steady rate: what Kafka alone costs on this machine. */
    private static List<Long> kafkaHop(KafkaBroker broker, KafkaProducer<String, String> producer) {
        String topic = "bench-kafka-hop-" + UUID.randomUUID();
        broker.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 4, (short) 1)));
        List<Long> hops = new ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, topic,
                org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            int count = STEADY_RATE * 5;
            Thread sender = new Thread(() -> {
                long begin = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    long wait = begin + (long) (i * 1e9 / STEADY_RATE) - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    producer.send(new ProducerRecord<>(topic, Integer.toString(i % 8), Long.toString(System.currentTimeMillis())));
                }
                producer.flush();
            });
            sender.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (hops.size() < count && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    hops.add(System.currentTimeMillis() - Long.parseLong(record.value()));
                }
            }
        }
        Collections.sort(hops);
        return hops;
    }

    private static long percentile(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static PackagedService start(TestDatabase database, KafkaBroker broker, int registryPort) {
        return PackagedService.builder("action-service")
                .log(Paths.get("target", "bench-service.log"))
                .readyTimeout(Duration.ofSeconds(180))
                .jvmOptions("-Xmx1g")
                .property("quarkus.log.level", "WARN")
                .property("kafka.bootstrap.servers", broker.bootstrapServers())
                .database(database)
                .property("quarkus.rest-client.registry.url", "http://127.0.0.1:" + registryPort)
                .property("quarkus.rest-client.secrets.url", "http://127.0.0.1:9")
                .property("automations.auth.service-token", "bench-token")
                .property("automations.delivery.allow-loopback", "true")
                .property("automations.delivery.per-integration.concurrency", String.valueOf(CONCURRENCY_PER_INTEGRATION))
                .property("automations.delivery.per-integration.rate-per-second", "100000")
                .property("automations.delivery.per-integration.max-queued", "2000")
                .property("automations.delivery.claim-batch", "500")
                .property("mp.messaging.incoming.action-requests.concurrency",
                        String.valueOf(Integer.getInteger("bench.consumers", 1)))
                .start();
    }
}
