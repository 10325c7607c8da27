package ai.automations.registry.run;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ai.automations.common.event.RunMetricRecord;
import ai.automations.common.testing.KafkaBroker;
import ai.automations.common.testing.TestDatabase;
import ai.automations.registry.support.StrictJson;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * Where a history call's time goes, stage by stage, before (tree + binding parse, a record per point, a row per
 * point, a Kafka record per point) and after (streaming parse into columns, one batch record, one chunk row, one
 * Kafka record), for the bench's call: 100 steps × 10 metrics. CPU stages on one thread (points/s per core); the
 * PostgreSQL and Kafka stages with 8 callers, as the HTTP bench. Figures only, no assertions:
 * {@code ./mvnw -B -pl registry-service -am -Pbench-history verify -DskipTests}.
 */
public final class HistoryStagesBench {

    private static final int STEPS = 100;
    private static final int METRICS = 10;
    private static final int POINTS = STEPS * METRICS;

    private HistoryStagesBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.stage-seconds", 5);
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Validator validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
        HistoryJson json = new HistoryJson(mapper);
        RunHistoryService service = new RunHistoryService(null, null, null, json, null,
                new StrictJson(mapper, validator), InstantSource.system(), () -> 4096);
        byte[] body = body(0).getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        HistoryRecords.Run run = new HistoryRecords.Run("tp", "p", "h1", "h1", "admin", null);
        List<String> rows = new ArrayList<>();
        rows.add("| stage | before (per point) | after (per call) | ratio |");
        rows.add("|---|---|---|---|");

        double parseOld = rate(1, seconds, () -> service.parse(json.read(body), now).size() * METRICS);
        double parseNew = rate(1, seconds, () -> json.points(body, now).values());
        rows.add(row("parse + validate, 1 thread", parseOld, parseNew));

        HistoryBatch batch = json.points(body, now);
        List<RunHistoryService.Point> points = service.parse(json.read(body), now);
        double writeOld = rate(1, seconds, () -> {
            int n = 0;
            for (RunHistoryService.Point p : points) {
                for (Map.Entry<String, Double> m : p.metrics().entrySet()) {
                    n += mapper.writeValueAsString(new RunMetricRecord("tp", "p", "h1", "h1", "admin", m.getKey(),
                            p.step(), m.getValue(), p.timestamp(), null)).length() > 0 ? 1 : 0;
                }
            }
            return n;
        });
        double writeNew = rate(1, seconds, () -> {
            int[] order = batch.order();
            HistoryRecords.write(run, batch, order);
            return batch.columns(order).values().length;
        });
        rows.add(row("serialise (Kafka values + stored columns), 1 thread", writeOld, writeNew));

        TestDatabase db = TestDatabase.create("bench_history");
        Vertx vertx = Vertx.vertx();
        try {
            io.vertx.sqlclient.Pool core = PgBuilder.pool().with(new PoolOptions().setMaxSize(8))
                    .connectingTo(PgConnectOptions.fromUri(db.reactiveUrl()).setUser(db.user())
                            .setPassword(db.password()))
                    .using(vertx).build();
            io.vertx.mutiny.sqlclient.Pool pool = io.vertx.mutiny.sqlclient.Pool.newInstance(core);
            pool.query("""
                    CREATE TABLE runs (id uuid PRIMARY KEY);
                    CREATE TABLE run_history_rows (run_id uuid NOT NULL REFERENCES runs (id), metric text NOT NULL,
                        step bigint NOT NULL, value double precision NOT NULL, ts timestamptz NOT NULL,
                        PRIMARY KEY (run_id, metric, step));
                    CREATE TABLE run_history_chunk (run_id uuid NOT NULL REFERENCES runs (id),
                        seq bigint GENERATED ALWAYS AS IDENTITY, metrics text[] NOT NULL, steps bigint[] NOT NULL,
                        vals double precision[] NOT NULL, ts timestamptz[] NOT NULL, width integer,
                        PRIMARY KEY (run_id, seq))""")
                    .execute().await().indefinitely();
            List<UUID> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                UUID id = UUID.randomUUID();
                runs.add(id);
                pool.preparedQuery("INSERT INTO runs VALUES ($1)").execute(io.vertx.mutiny.sqlclient.Tuple.of(id))
                        .await().indefinitely();
            }
            RunHistoryRepository store = new RunHistoryRepository(pool);
            AtomicLong call = new AtomicLong();
            double pgOld = rate(8, seconds, () -> {
                long n = call.incrementAndGet();
                RunHistoryRepository.Columns c = columns(n);
                pool.preparedQuery("""
                        INSERT INTO run_history_rows (run_id, metric, step, value, ts)
                        SELECT $1, u.metric, u.step, u.value, u.ts
                        FROM unnest($2::text[], $3::bigint[], $4::float8[], $5::timestamptz[]) AS u(metric, step, value, ts)
                        ON CONFLICT (run_id, metric, step) DO UPDATE SET value = excluded.value, ts = excluded.ts""")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.tuple().addUUID(runs.get((int) (n % 8)))
                                .addArrayOfString(c.metrics()).addArrayOfLong(c.steps()).addArrayOfDouble(c.values())
                                .addArrayOfOffsetDateTime(c.timestamps()))
                        .await().indefinitely();
                return POINTS;
            });
            double pgNew = rate(8, seconds, () -> {
                long n = call.incrementAndGet();
                store.insert(runs.get((int) (n % 8)), columns(n)).await().indefinitely();
                return POINTS;
            });
            rows.add(row("PostgreSQL write, 8 callers", pgOld, pgNew));
            core.close();
        } finally {
            vertx.close();
            db.drop();
        }

        KafkaBroker broker = KafkaBroker.shared();
        String topic = "bench.history." + System.nanoTime();
        broker.createTopics(List.of(new NewTopic(topic, 12, (short) 1)));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            List<String> single = new ArrayList<>();
            for (RunHistoryService.Point p : points) {
                for (Map.Entry<String, Double> m : p.metrics().entrySet()) {
                    single.add(mapper.writeValueAsString(new RunMetricRecord("tp", "p", "h1", "h1", "admin",
                            m.getKey(), p.step(), m.getValue(), p.timestamp(), null)));
                }
            }
            String batched = new String(HistoryRecords.write(run, batch, batch.order()).get(0),
                    StandardCharsets.UTF_8);
            AtomicLong call = new AtomicLong();
            double kafkaOld = rate(8, seconds, () -> {
                String key = "h" + call.incrementAndGet() % 8;
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                for (String value : single) {
                    CompletableFuture<Void> ack = new CompletableFuture<>();
                    producer.send(new ProducerRecord<>(topic, key, value), (m, e) -> ack.complete(null));
                    acks.add(ack);
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
                return POINTS;
            });
            double kafkaNew = rate(8, seconds, () -> {
                String key = "h" + call.incrementAndGet() % 8;
                producer.send(new ProducerRecord<>(topic, key, batched)).get();
                return POINTS;
            });
            rows.add(row("Kafka send to ack, 8 callers", kafkaOld, kafkaNew));
        }
        System.out.println();
        System.out.println("History stages, one call = " + STEPS + " steps × " + METRICS + " metrics (" + body.length
                + " bytes of JSON); points/s");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private static String row(String stage, double before, double after) {
        return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.1f× |", stage, before, after, after / before);
    }

    /** Points per second over {@code seconds} (after as long a warm-up) with {@code threads} callers. */
    private static double rate(int threads, int seconds, Callable<Integer> call) throws Exception {
        run(threads, seconds, call);
        return run(threads, seconds, call);
    }

    private static double run(int threads, int seconds, Callable<Integer> call) throws Exception {
        AtomicLong points = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Thread> running = new ArrayList<>();
        List<Exception> failed = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        points.addAndGet(call.call());
                    }
                } catch (Exception e) {
                    synchronized (failed) {
                        failed.add(e);
                    }
                }
            });
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) {
            thread.join();
        }
        if (!failed.isEmpty()) {
            throw failed.get(0);
        }
        return points.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Call {@code n}'s stored columns: steps numbered after the previous calls', so no row is overwritten. */
    private static RunHistoryRepository.Columns columns(long n) {
        String[] metrics = new String[POINTS];
        Long[] steps = new Long[POINTS];
        Double[] values = new Double[POINTS];
        OffsetDateTime[] ts = new OffsetDateTime[POINTS];
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < POINTS; i++) {
            metrics[i] = "metric_" + i % METRICS;
            steps[i] = n * STEPS + i / METRICS;
            values[i] = 0.1 + i / 10_000.0;
            ts[i] = now;
        }
        return new RunHistoryRepository.Columns(metrics, steps, values, ts, null);
    }

    /** The HTTP bench's body: {@code STEPS} steps × {@code METRICS} metrics after batch {@code n}. */
    static String body(int n) {
        StringBuilder body = new StringBuilder(STEPS * 300).append('[');
        long first = (long) n * STEPS;
        for (int s = 0; s < STEPS; s++) {
            if (s > 0) {
                body.append(',');
            }
            body.append("{\"step\":").append(first + s).append(",\"metrics\":{");
            for (int m = 0; m < METRICS; m++) {
                if (m > 0) {
                    body.append(',');
                }
                body.append("\"metric_").append(m).append("\":").append(0.1 + (first + s + m) % 1000 / 10_000.0);
            }
            body.append("}}");
        }
        return body.append(']').toString();
    }
}
