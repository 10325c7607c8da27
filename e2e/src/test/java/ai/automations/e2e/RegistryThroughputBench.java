package ai.automations.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * registry-service's front door beside its floors, measured in one run on the packaged suite: tag and alias adds
 * (spread and on one hot collection), reads of an entity and of a version, run history in 1,000-point batches and the
 * latency of a 10,000-point batch, history → webhook for a threshold rule, and the same load through two registry
 * instances on one database and broker. Floors in the same run: {@code pgbench -N}/{@code -S} at the same client
 * count on a scratch database it initialises, a plain Kafka producer sending the same records, and a plain HTTP
 * round trip. Load is closed loop: N clients, each sends its next request when the previous one answered, for a fixed
 * time. Not part of the normal build: {@code ./mvnw -B verify -Pbench -pl e2e -am -DskipTests
 * -Dit.test=RegistryThroughputBench -Dfailsafe.failIfNoSpecifiedTests=false}; {@code -Dbench.seconds=30} sets the
 * whole run's scale (each row runs a third of it, at least 3 s; {@code -Dbench.row-seconds} sets a row's directly).
 * Tracing is off as {@code bin/automations up} starts the suite; {@code -Dbench.tracing=on} exports every request's span.
 */
class RegistryThroughputBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COLLECTIONS = 64;
    /** Versions per collection: tag adds spread over them, so no version piles up thousands of tags. */
    private static final int VERSIONS = 4;
    /** Versions of the hot collection (c0), for the same reason. */
    private static final int HOT_VERSIONS = 64;
    /** Tags each version holds when versions are read: a handful, as in a real registry. */
    private static final int TAGS_WHEN_READ = 5;
    private static final String E = "/api/v1/entities/tp";

    private final Vertx vertx = Vertx.vertx();
    private RunHookReceiver hooks;
    private final List<String> rows = new ArrayList<>();
    private int rowSeconds;
    private Suite suite;
    private String key;
    private BenchHttp api;

    @Test
    void registryThroughputBesideItsFloors() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 30);
        rowSeconds = Integer.getInteger("bench.row-seconds", Math.max(3, seconds / 3));
        String tracing = System.getProperty("bench.tracing", "off");
        if (!"on".equals(tracing) && !"off".equals(tracing)) {
            throw new IllegalArgumentException("-Dbench.tracing must be on or off here: " + tracing);
        }
        System.setProperty("e2e.tracing", tracing);
        suite = Suite.get();
        key = suite.adminKey();
        api = new BenchHttp(key);
        String load0 = uptime();
        RunHookReceiver receiver = RunHookReceiver.start();
        hooks = receiver;
        String registry = suite.url("registry-service");
        setUp(registry, receiver.url());

        if (Boolean.getBoolean("bench.profile")) {
            profile(registry);
        }
        // warm-up: every path once under load, results thrown away
        Load.run(vertx, registry, 16, Math.max(2, rowSeconds / 2), (c, n) -> tagAdd(n % COLLECTIONS,
                n / COLLECTIONS % VERSIONS, "w" + c + "-" + n));
        Load.run(vertx, registry, 16, Math.max(2, rowSeconds / 2), (c, n) -> get(E + "/registries/model/collections/c"
                + (n % COLLECTIONS) + "/versions/v0"));
        Load.run(vertx, registry, 8, Math.max(2, rowSeconds / 2), (c, n) -> history(c, 100_000 + n, 100));

        double pgN = pgbench("-N", 16);
        double pgS = pgbench("-S", 16);
        double kafka = HistoryKafkaFloor.pointsPerSecond(suite, "tp", rowSeconds);
        double plainHttp = plainHttpP50();

        resetTags(0);
        Load.Result tags = Load.run(vertx, registry, 16, rowSeconds, (c, n) -> tagAdd((c * 4 + n) % COLLECTIONS,
                n / COLLECTIONS % VERSIONS, "t" + c + "-" + n));
        row("tag add, 16 clients over 64 collections" + tagsPerVersion(), tags, "pgbench -N -c16 %,.0f tx/s".formatted(pgN),
                tags.perSecond() / pgN);
        Load.Result bareWrite = bareWriteRoute();
        row("pgbench -N's transaction behind a bare Vert.x route (no framework, no auth, no event), 16 clients",
                bareWrite, "pgbench -N -c16 %,.0f tx/s".formatted(pgN), bareWrite.perSecond() / pgN);
        Load.Result aliases = Load.run(vertx, registry, 16, rowSeconds, (c, n) -> aliasMove((c * 4 + n) % COLLECTIONS,
                "a" + c, n));
        row("alias add (moves), 16 clients over 64 collections", aliases, "pgbench -N -c16 %,.0f tx/s"
                .formatted(pgN), aliases.perSecond() / pgN);
        resetTags(0);
        Load.Result hot = Load.run(vertx, registry, 32, rowSeconds, (c, n) -> tagAdd(0, (c * 2 + n) % HOT_VERSIONS,
                "h" + c + "-" + n));
        row("tag add, 32 clients on one collection" + tagsPerVersion(), hot, "-", Double.NaN);
        resetTags(0);
        Load.Result one = Load.run(vertx, registry, 1, rowSeconds, (c, n) -> tagAdd(n % COLLECTIONS,
                n / COLLECTIONS % VERSIONS, "s" + n));
        row("one tag add, sequential" + tagsPerVersion(), one, "-", Double.NaN);
        Load.Result entity = Load.run(vertx, registry, 16, rowSeconds, (c, n) -> get(E));
        row("GET an entity, 16 clients", entity, "pgbench -S -c16 %,.0f tx/s".formatted(pgS), entity.perSecond() / pgS);
        Load.Result bare = bareEntityRoute();
        row("the same GET on a bare Vert.x route (no framework, no auth), 16 clients", bare,
                "pgbench -S -c16 %,.0f tx/s".formatted(pgS), bare.perSecond() / pgS);
        resetTags(TAGS_WHEN_READ);
        Load.Result version = Load.run(vertx, registry, 16, rowSeconds, (c, n) -> get(E
                + "/registries/model/collections/c" + (n % COLLECTIONS) + "/versions/v0"));
        row("GET an artifact version (" + TAGS_WHEN_READ + " tags), 16 clients", version, "pgbench -S -c16 %,.0f tx/s".formatted(pgS),
                version.perSecond() / pgS);
        Load.Result history = Load.run(vertx, registry, 8, rowSeconds, (c, n) -> history(c, n, 100));
        rows.add(String.format(Locale.ROOT, "| %s | %,.0f points/s (%,.0f req/s), p50 %.1f ms, p99 %.1f ms%s | %s | %.3f |",
                "run history, 1,000-point batches, 8 clients", history.perSecond() * 1000, history.perSecond(),
                history.p(50), history.p(99), history.errorText(), ("plain Kafka producer %,.0f points/s (the same "
                        + "1,000-point batch records)").formatted(kafka), history.perSecond() * 1000 / kafka));
        Load.Result big = Load.run(vertx, registry, 1, rowSeconds, (c, n) -> history(100 + c, n, 1000));
        row("one 10,000-point batch, sequential", big, "-", Double.NaN);
        double[] hook = historyToWebhook(registry);
        rows.add(String.format(Locale.ROOT, "| history POST → webhook, threshold rule, sequential | p50 %.1f ms, p90 %.1f ms (%d samples) | plain HTTP p50 %.2f ms | %.0f× |",
                hook[0], hook[1], (int) hook[2], plainHttp, hook[0] / plainHttp));

        String second = suite.startSecondRegistry();
        // the second instance starts cold: warm it up as the first was, results thrown away
        Load.run(vertx, List.of(second), 16, Math.max(2, rowSeconds / 2), (c, n) -> tagAdd((c * 4 + n) % COLLECTIONS,
                n / COLLECTIONS % VERSIONS, "w2-" + c + "-" + n));
        resetTags(0);
        Load.Result two = Load.run(vertx, List.of(registry, second), 16, rowSeconds,
                (c, n) -> tagAdd((c * 4 + n) % COLLECTIONS, n / COLLECTIONS % VERSIONS, "d" + c + "-" + n));
        row("tag add, 16 clients over 64 collections, two instances" + tagsPerVersion(), two, "pgbench -N -c16 %,.0f tx/s"
                .formatted(pgN), two.perSecond() / pgN);
        receiver.close();

        System.out.printf("%nregistry-service throughput benchmark: %d s per row; tracing %s; load before: %s; load after: %s%n",
                rowSeconds, suite.tracing() ? "on (sampling 1.0)" : "off", load0, uptime());
        System.out.println("| path | measured | floor, same run | ratio |");
        System.out.println("|---|---|---|---|");
        rows.forEach(System.out::println);
        vertx.close();
        assertThat(tags.count()).isPositive();
    }

    private void row(String name, Load.Result r, String floor, double ratio) {
        rows.add(String.format(Locale.ROOT, "| %s | %,.0f req/s, p50 %.1f ms, p99 %.1f ms%s | %s | %s |", name,
                r.perSecond(), r.p(50), r.p(99), r.errorText(), floor,
                Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%.3f", ratio)));
    }

    private static Load.Request tagAdd(int collection, int version, String tag) {
        return Load.Request.post(E + "/registries/model/collections/c" + collection + "/versions/v" + version
                + "/tags", "{\"tag\":\"" + tag + "\"}");
    }

    /**
     * Between rows, outside what is timed: every version's tags are removed (and {@code perVersion} put back) in the
     * database, so each row starts from versions holding a handful of tags. An add reads and sends its version's whole
     * tag list (the event carries it), so versions left to pile up thousands of tags would measure that instead.
     */
    private void resetTags(int perVersion) throws Exception {
        try (var c = suite.database("registry-service").connect(); var st = c.createStatement()) {
            st.execute("DELETE FROM version_tags");
            st.execute("INSERT INTO version_tags (id, version_id, tag, created_at) SELECT gen_random_uuid(), v.id, "
                    + "'kept-' || i, now() FROM collection_versions v, generate_series(1, " + perVersion + ") i");
        }
    }

    /** The most tags a version holds now, for a row's name: what the row's adds read and sent at the end. */
    private String tagsPerVersion() throws Exception {
        try (var c = suite.database("registry-service").connect(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM version_tags "
                        + "GROUP BY version_id) t")) {
            rs.next();
            return " (≤ " + rs.getLong(1) + " tags per version at its end)";
        }
    }

    /** Puts one client's alias on v0 or v1 in turn: each call moves it, a change with its event every time. */
    private static Load.Request aliasMove(int collection, String alias, int n) {
        return Load.Request.post(E + "/registries/model/collections/c" + collection + "/versions/v" + (n / COLLECTIONS
                % 2) + "/aliases", "{\"alias\":\"" + alias + "\"}");
    }

    private static Load.Request get(String path) {
        return new Load.Request(HttpMethod.GET, path, null);
    }

    /** A batch of {@code steps} steps × 10 metrics for run {@code h<run>}, steps numbered after batch {@code n}. */
    private static Load.Request history(int run, int n, int steps) {
        StringBuilder body = new StringBuilder(steps * 300).append('[');
        long first = (long) n * steps;
        for (int s = 0; s < steps; s++) {
            if (s > 0) {
                body.append(',');
            }
            body.append("{\"step\":").append(first + s).append(",\"metrics\":{");
            for (int m = 0; m < 10; m++) {
                if (m > 0) {
                    body.append(',');
                }
                body.append("\"metric_").append(m).append("\":").append(0.1 + (first + s + m) % 1000 / 10_000.0);
            }
            body.append("}}");
        }
        return Load.Request.post(E + "/projects/p/runs/h" + run + "/history", body.append(']').toString());
    }

    private void setUp(String base, String hookUrl) throws Exception {
        api.post(base + "/api/v1/entities", Map.of("name", "tp"), 201);
        api.post(base + E + "/projects", Map.of("name", "p"), 201);
        api.post(base + E + "/projects", Map.of("name", "hooks"), 201);
        api.post(base + E + "/registries", Map.of("name", "model"), 201);
        for (int c = 0; c < COLLECTIONS; c++) {
            api.post(base + E + "/registries/model/collections", Map.of("name", "c" + c, "type", "model"), 201);
            for (int v = 0; v < (c == 0 ? HOT_VERSIONS : VERSIONS); v++) {
                String artifact = JSON.readTree(api.post(base + E + "/projects/p/artifacts",
                        Map.of("collection", "a" + c, "type", "model"), 201)).get("id").asText();
                api.post(base + E + "/registries/model/collections/c" + c + "/links", Map.of("artifactId", artifact), 201);
            }
        }
        for (int r = 0; r < 8; r++) {
            api.post(base + E + "/projects/p/runs", Map.of("id", "h" + r, "name", "h" + r), 201);
        }
        api.post(base + E + "/projects/p/runs", Map.of("id", "h100", "name", "h100"), 201);
        api.post(base + E + "/integrations", Map.of("kind", "webhook", "name", "hook", "url", hookUrl), 201);
        api.post(base + E + "/automations", Map.of("name", "hook-threshold",
                "scope", Map.of("type", "PROJECT", "project", "hooks"),
                "event", Map.of("type", "RUN_METRIC_THRESHOLD", "filter", Map.of("metric", "hook", "agg", "AVERAGE",
                        "window", 1, "cmp", ">", "threshold", 0.5)),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "hook", "payload",
                        Map.of("run", "${run_id}"))), 201);
    }

    /**
     * Statements per request: PostgreSQL logs every statement of registry's database for a while ({@code ALTER
     * DATABASE ... SET log_statement}, that database only, no server restart; registry is restarted to pick it up),
     * the bench sends 20 of each request one at a time between marker statements, and counts what the server log
     * ({@code -Dbench.pg-log}) shows between the markers, relay and sweep included. Opt-in: {@code -Dbench.profile=true}.
     */
    private void profile(String registry) throws Exception {
        String log = System.getProperty("bench.pg-log", "/var/log/postgresql/postgresql-15-main.log");
        TestDatabase db = suite.database("registry-service");
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("ALTER DATABASE " + db.name() + " SET log_statement = 'all'");
            st.execute("ALTER DATABASE " + db.name() + " SET log_min_duration_statement = 0");
        }
        suite.kill("registry-service");
        suite.restart("registry-service");
        Map<String, Load.Requests> groups = new java.util.LinkedHashMap<>();
        groups.put("tag add", (c, n) -> tagAdd(2, 0, "p" + n));
        groups.put("alias add (move)", (c, n) -> aliasMove(3, "pa", n * COLLECTIONS));
        groups.put("GET version", (c, n) -> get(E + "/registries/model/collections/c2/versions/v0"));
        groups.put("GET entity", (c, n) -> get(E));
        groups.put("history 1,000 points", (c, n) -> history(7, 900_000 + n, 100));
        long offset = java.nio.file.Files.size(java.nio.file.Path.of(log));
        for (var group : groups.entrySet()) {
            Load.fixed(vertx, registry, 3, group.getValue());
            mark(db, "start " + group.getKey());
            Load.fixed(vertx, registry, 20, group.getValue());
            Thread.sleep(500);
            mark(db, "end " + group.getKey());
        }
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("ALTER DATABASE " + db.name() + " RESET log_statement");
            st.execute("ALTER DATABASE " + db.name() + " RESET log_min_duration_statement");
        }
        suite.kill("registry-service");
        suite.restart("registry-service");
        List<String> lines;
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(log))) {
            in.skipNBytes(offset);
            lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
        System.out.println("\nProfile: statements per request (20 sequential requests each, outbox relay and sweep "
                + "included), each with its mean time in PostgreSQL (ms, from log_min_duration_statement; a COMMIT's "
                + "time is its WAL flush), and the wall time per request (the markers' timestamps, less the 500 ms "
                + "pause) beside the database's part of it");
        String group = null;
        Map<String, Integer> byStatement = new java.util.LinkedHashMap<>();
        Map<String, Double> timeByStatement = new java.util.HashMap<>();
        Map<String, String> lastByPid = new java.util.HashMap<>();
        Pattern statement = Pattern.compile("LOG:  (?:statement|execute [^:]*): (.*)");
        Pattern duration = Pattern.compile("LOG:  duration: ([0-9.]+) ms(?:  (?:statement|parse|bind|execute)[^:]*: (.*))?");
        Pattern stamp = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\S+ \\[(\\d+)\\]");
        int total = 0;
        double database = 0;
        java.time.LocalDateTime started = null;
        for (String line : lines) {
            Matcher time = stamp.matcher(line);
            java.time.LocalDateTime at = time.find() ? java.time.LocalDateTime.parse(time.group(1).replace(' ', 'T'))
                    : null;
            String pid = at == null ? null : time.group(2);
            int mark = line.indexOf("bench-mark ");
            if (mark >= 0) {
                if (line.contains("LOG:  duration:")) {
                    continue;
                }
                String text = line.substring(mark + 11).replaceAll("'.*", "");
                if (text.startsWith("start ")) {
                    group = text.substring(6);
                    byStatement.clear();
                    timeByStatement.clear();
                    total = 0;
                    database = 0;
                    started = at;
                } else if (group != null) {
                    double wall = started == null || at == null ? Double.NaN
                            : (Duration.between(started, at).toNanos() / 1e6 - 500) / 20.0;
                    System.out.printf(Locale.ROOT, "%-22s %.1f statements per request; wall %.2f ms per request, "
                            + "%.2f ms of it in PostgreSQL (relay and sweep included)%n", group, total / 20.0, wall,
                            database / 20.0);
                    byStatement.forEach((sql, count) -> System.out.printf(Locale.ROOT, "    %5.2f  %7.3f ms  %s%n",
                            count / 20.0, timeByStatement.getOrDefault(sql, 0.0) / count, sql));
                    group = null;
                }
                continue;
            }
            int at2 = line.indexOf("@" + db.name() + " ");
            if (group == null || at2 < 0) {
                continue;
            }
            String rest = line.substring(at2);
            Matcher d = duration.matcher(rest);
            if (d.find()) {
                String sql = d.group(2) != null ? key(d.group(2)) : lastByPid.get(pid);
                if (sql != null) {
                    double ms = Double.parseDouble(d.group(1));
                    timeByStatement.merge(sql, ms, Double::sum);
                    database += ms;
                }
                continue;
            }
            Matcher m = statement.matcher(rest);
            if (m.find()) {
                String sql = key(m.group(1));
                lastByPid.put(pid, sql);
                byStatement.merge(sql, 1, Integer::sum);
                total++;
            }
        }
    }

    private static String key(String sql) {
        String flat = sql.replaceAll("\\s+", " ");
        return flat.length() > 110 ? flat.substring(0, 110) : flat;
    }

    private static void mark(TestDatabase db, String text) throws Exception {
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("SELECT 'bench-mark " + text + "'");
        }
    }

    /** Sequential: a fresh run (the rule fires once per run), then one point over the threshold, timed to the hook. */
    private double[] historyToWebhook(String base) throws Exception {
        List<Long> micros = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(rowSeconds);
        for (int i = 0; System.nanoTime() < end || i < 5; i++) {
            String run = "k" + i;
            api.post(base + E + "/projects/hooks/runs", Map.of("id", run, "name", run), 201);
            CompletableFuture<java.time.Instant> hook = hooks.expect(run);
            java.time.Instant start = java.time.Instant.now();
            HttpResponse<String> r = api.send(base + E + "/projects/hooks/runs/" + run + "/history",
                    "{\"step\":0,\"metrics\":{\"hook\":0.9}}");
            if (r.statusCode() != 202) {
                throw new IllegalStateException("history -> " + r.statusCode() + " " + r.body());
            }
            java.time.Instant arrived = hook.get(i == 0 ? 60 : 10, TimeUnit.SECONDS);
            if (i >= 3) {
                micros.add(Duration.between(start, arrived).toNanos() / 1_000);
            }
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        return new double[] {Load.percentile(sorted, 50), Load.percentile(sorted, 90), sorted.length};
    }

    /** pgbench at {@code clients} on a scratch database it initialises (scale 10), prepared statements; its tx/s. */
    private double pgbench(String mode, int clients) throws Exception {
        TestDatabase db = TestDatabase.create("bench_pgbench");
        try {
            String host = System.getenv().getOrDefault("AUTOMATIONS_TEST_PG_HOST", "127.0.0.1");
            String port = System.getenv().getOrDefault("AUTOMATIONS_TEST_PG_PORT", "5432");
            List<String> conn = List.of("-h", host, "-p", port, "-U", db.user());
            exec(concat(List.of("pgbench", "-i", "-q", "-s", "10"), conn, List.of(db.name())));
            String out = exec(concat(List.of("pgbench", mode, "-M", "prepared", "-c", String.valueOf(clients), "-j",
                    "2", "-T", String.valueOf(rowSeconds)), conn, List.of(db.name())));
            Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
            if (!tps.find()) {
                throw new IllegalStateException("no tps in pgbench's output:\n" + out);
            }
            return Double.parseDouble(tps.group(1));
        } finally {
            db.drop();
        }
    }

    /**
     * What any JVM HTTP service on this machine can do for GET of an entity: a bare Vert.x HTTP server in this process
     * with the reactive PostgreSQL client, no framework, no authentication, no tracing, answering with the entity
     * read's very statement on registry's database and writing its row as JSON by hand. The distance between this row
     * and pgbench -S is the cost of HTTP on the JVM; the distance between the service's row and this one is the
     * service's own per-request work.
     */
    private Load.Result bareEntityRoute() throws Exception {
        TestDatabase db = suite.database("registry-service");
        var connect = io.vertx.pgclient.PgConnectOptions.fromUri(db.reactiveUrl()).setUser(db.user())
                .setPassword(db.password()).setCachePreparedStatements(true);
        var pool = io.vertx.pgclient.PgBuilder.pool().with(new io.vertx.sqlclient.PoolOptions().setMaxSize(16))
                .connectingTo(connect).using(vertx).build();
        var server = vertx.createHttpServer().requestHandler(req -> {
            String name = req.path().substring(req.path().lastIndexOf('/') + 1);
            pool.preparedQuery("SELECT id, name, created_by, created_at FROM entities WHERE name = $1")
                    .execute(io.vertx.sqlclient.Tuple.of(name)).onComplete(ar -> {
                        if (ar.failed() || ar.result().size() == 0) {
                            req.response().setStatusCode(ar.failed() ? 500 : 404).end();
                            return;
                        }
                        var row = ar.result().iterator().next();
                        req.response().putHeader("Content-Type", "application/json").end("{\"id\":\""
                                + row.getUUID(0) + "\",\"name\":\"" + row.getString(1) + "\",\"createdBy\":"
                                + (row.getString(2) == null ? "null" : "\"" + row.getString(2) + "\"")
                                + ",\"createdAt\":\"" + row.getOffsetDateTime(3) + "\"}");
                    });
        });
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
        try {
            String base = "http://127.0.0.1:" + port;
            Load.run(vertx, base, 16, Math.max(2, rowSeconds / 2), (c, n) -> get(E));
            return Load.run(vertx, base, 16, rowSeconds, (c, n) -> get(E));
        } finally {
            server.close().toCompletionStage().toCompletableFuture().get();
            pool.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /**
     * What any JVM HTTP service on this machine can do for a small write: pgbench -N's own transaction (update an
     * account, read it back, append to the history; one commit) behind a bare Vert.x route with the reactive
     * PostgreSQL client, no framework, no authentication, no outbox, on a scratch pgbench database.
     */
    private Load.Result bareWriteRoute() throws Exception {
        TestDatabase db = TestDatabase.create("bench_pgbench");
        try {
            String host = System.getenv().getOrDefault("AUTOMATIONS_TEST_PG_HOST", "127.0.0.1");
            String port = System.getenv().getOrDefault("AUTOMATIONS_TEST_PG_PORT", "5432");
            exec(List.of("pgbench", "-i", "-q", "-s", "10", "-h", host, "-p", port, "-U", db.user(), db.name()));
            var connect = io.vertx.pgclient.PgConnectOptions.fromUri(db.reactiveUrl()).setUser(db.user())
                    .setPassword(db.password()).setCachePreparedStatements(true);
            var pool = io.vertx.pgclient.PgBuilder.pool().with(new io.vertx.sqlclient.PoolOptions().setMaxSize(16))
                    .connectingTo(connect).using(vertx).build();
            var server = vertx.createHttpServer().requestHandler(req -> req.body().onComplete(body -> {
                int aid = 1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000);
                int tid = 1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(100);
                int bid = 1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10);
                int delta = java.util.concurrent.ThreadLocalRandom.current().nextInt(-5000, 5001);
                pool.withTransaction(c -> c.preparedQuery("UPDATE pgbench_accounts SET abalance = abalance + $1 "
                        + "WHERE aid = $2").execute(io.vertx.sqlclient.Tuple.of(delta, aid))
                        .compose(u -> c.preparedQuery("SELECT abalance FROM pgbench_accounts WHERE aid = $1")
                                .execute(io.vertx.sqlclient.Tuple.of(aid)))
                        .compose(r -> c.preparedQuery("INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) "
                                + "VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)")
                                .execute(io.vertx.sqlclient.Tuple.of(tid, bid, aid, delta))
                                .map(i -> r.iterator().next().getInteger(0))))
                        .onComplete(ar -> {
                            if (ar.failed()) {
                                req.response().setStatusCode(500).end();
                            } else {
                                req.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                                        .end("{\"balance\":" + ar.result() + "}");
                            }
                        });
            }));
            int listening = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
            try {
                String base = "http://127.0.0.1:" + listening;
                Load.run(vertx, base, 16, Math.max(2, rowSeconds / 2), (c, n) -> Load.Request.post("/tx", "{}"));
                return Load.run(vertx, base, 16, rowSeconds, (c, n) -> Load.Request.post("/tx", "{}"));
            } finally {
                server.close().toCompletionStage().toCompletableFuture().get();
                pool.close().toCompletionStage().toCompletableFuture().get();
            }
        } finally {
            db.drop();
        }
    }

    /** The p50 of a plain HTTP POST to a trivial server on loopback, sequential, in ms. */
    private double plainHttpP50() throws Exception {
        var server = vertx.createHttpServer().requestHandler(req -> req.body().onComplete(b -> req.response()
                .setStatusCode(204).end()));
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
        Load.Result r = Load.run(vertx, "http://127.0.0.1:" + port, 1, Math.max(2, rowSeconds / 2),
                (c, n) -> Load.Request.post("/plain", "{\"run\":\"x\"}"));
        server.close();
        return r.p(50);
    }



    /** The machine's load line, printed beside every figure. */
    static String uptime() {
        try {
            return exec(List.of("uptime")).trim();
        } catch (Exception e) {
            return "load average " + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage();
        }
    }

    /** Runs a command and returns what it printed; fails when it fails. */
    static String exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed:\n" + out);
        }
        return out;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).toList();
    }

    /** Closed-loop HTTP load with Vert.x's client: N clients, each sends its next request once the last answered. */
    static final class Load {

        /** One request: method, path (with query), JSON body or null. */
        record Request(HttpMethod method, String path, String body) {
            static Request post(String path, String body) {
                return new Request(HttpMethod.POST, path, body);
            }
        }

        interface Requests {
            /** The {@code n}th request of client {@code client}. */
            Request next(int client, int n);
        }

        record Result(long count, double seconds, long[] sortedMicros, long errors, String firstError) {
            double perSecond() {
                return count / seconds;
            }

            double p(int percentile) {
                return percentile(sortedMicros, percentile);
            }

            String errorText() {
                return errors == 0 ? "" : ", " + errors + " errors (first: " + firstError + ")";
            }
        }

        static Result run(Vertx vertx, String base, int clients, int seconds, Requests requests) throws Exception {
            return run(vertx, List.of(base), clients, seconds, requests);
        }

        /** Client {@code c} talks to {@code bases[c % bases.size()]}. */
        static Result run(Vertx vertx, List<String> bases, int clients, int seconds, Requests requests)
                throws Exception {
            String key = Suite.get().adminKey();
            var http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(true)
                    .setIdleTimeout(0), new PoolOptions().setHttp1MaxSize(clients));
            long[][] latencies = new long[clients][];
            int[] counts = new int[clients];
            AtomicLong errors = new AtomicLong();
            AtomicReference<String> firstError = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(clients);
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long[] finished = new long[clients];
            for (int c = 0; c < clients; c++) {
                int client = c;
                latencies[c] = new long[1024];
                URI base = URI.create(bases.get(c % bases.size()));
                Runnable[] loop = new Runnable[1];
                loop[0] = () -> {
                    long now = System.nanoTime();
                    if (now >= end) {
                        finished[client] = now;
                        done.countDown();
                        return;
                    }
                    Request r = requests.next(client, counts[client]);
                    RequestOptions options = new RequestOptions().setMethod(r.method()).setHost(base.getHost())
                            .setPort(base.getPort()).setURI(r.path()).putHeader("Authorization", "Bearer " + key);
                    if (r.body() != null) {
                        options.putHeader("Content-Type", "application/json");
                    }
                    http.request(options)
                            .compose(req -> r.body() == null ? req.send() : req.send(Buffer.buffer(r.body())))
                            .compose(resp -> resp.body().map(body -> resp.statusCode() < 300 ? null
                                    : resp.statusCode() + " " + body.toString()))
                            .onComplete(ar -> {
                                String error = ar.failed() ? ar.cause().toString() : ar.result();
                                int i = counts[client]++;
                                if (i == latencies[client].length) {
                                    latencies[client] = Arrays.copyOf(latencies[client], i * 2);
                                }
                                latencies[client][i] = error == null ? (System.nanoTime() - now) / 1_000 : -1;
                                if (error != null) {
                                    errors.incrementAndGet();
                                    firstError.compareAndSet(null, error.length() > 300 ? error.substring(0, 300)
                                            : error);
                                }
                                loop[0].run();
                            });
                };
                vertx.runOnContext(v -> loop[0].run());
            }
            if (!done.await(seconds + 120L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("load did not finish");
            }
            http.close();
            double elapsed = (Arrays.stream(finished).max().orElse(end) - start) / 1e9;
            long[] sorted = java.util.stream.IntStream.range(0, clients)
                    .mapToObj(c -> Arrays.stream(latencies[c], 0, counts[c])).flatMapToLong(l -> l).filter(l -> l >= 0).sorted()
                    .toArray();
            return new Result(sorted.length, elapsed, sorted, errors.get(), firstError.get());
        }

        /** {@code count} requests, one at a time, each required to succeed. */
        static void fixed(Vertx vertx, String base, int count, Requests requests) throws Exception {
            String key = Suite.get().adminKey();
            var http = vertx.createHttpClient();
            URI uri = URI.create(base);
            try {
                for (int n = 0; n < count; n++) {
                    Request r = requests.next(0, n);
                    RequestOptions options = new RequestOptions().setMethod(r.method()).setHost(uri.getHost())
                            .setPort(uri.getPort()).setURI(r.path()).putHeader("Authorization", "Bearer " + key)
                            .putHeader("Content-Type", "application/json");
                    int status = http.request(options)
                            .compose(req -> r.body() == null ? req.send() : req.send(Buffer.buffer(r.body())))
                            .compose(resp -> resp.body().map(b -> resp.statusCode())).toCompletionStage()
                            .toCompletableFuture().get(30, TimeUnit.SECONDS);
                    if (status >= 300) {
                        throw new IllegalStateException(r.method() + " " + r.path() + " -> " + status);
                    }
                }
            } finally {
                http.close();
            }
        }

        static double percentile(long[] sorted, int p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
        }
    }
}
