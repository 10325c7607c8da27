package ai.automations.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.testing.TestDatabase;

/**
 * What one read costs, in figures that depend on the machine's load far less than throughput does: CPU time per
 * request of registry-service (the whole process, and its event-loop threads alone, without the JIT, GC and Kafka
 * threads) and of its PostgreSQL backends ({@code /proc/<pid>/stat}, user + system, before and after
 * {@code wrk -t2 -c16}), for GET of an entity and GET of a version shaped as registries hold them (three tags, two
 * aliases besides {@code latest}, two links). {@code wrk} must be installed. Not part of the normal build:
 * {@code ./mvnw -B verify -Pbench -pl e2e -am -DskipTests -Dit.test=ReadCostBench
 * -Dfailsafe.failIfNoSpecifiedTests=false}. Each path is measured twice, {@code -Dbench.row-seconds} (10) each,
 * after {@code -Dbench.warmup-seconds} (30) of both; {@code -Dbench.tracing=on} exports every span;
 * {@code -Dbench.jfr=<dir>} records a JFR of each path in a run of its own; {@code -Dbench.hold=<file>} keeps the
 * suite up until that file exists, to look at it by hand.
 */
class ReadCostBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String E = "/api/v1/entities/rc";
    private static final String VERSION = E + "/registries/model/collections/c/versions/v0";
    private static final long TICKS_PER_SECOND = 100;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Suite suite;
    private String key;

    @Test
    void cpuPerRead() throws Exception {
        int seconds = Integer.getInteger("bench.row-seconds", 10);
        String tracing = System.getProperty("bench.tracing", "off");
        System.setProperty("e2e.tracing", tracing);
        suite = Suite.get();
        key = suite.adminKey();
        String registry = suite.url("registry-service");
        setUp(registry);
        String body = get(registry + VERSION);
        long registryPid = suite.pid("registry-service");
        String jfr = System.getProperty("bench.jfr", "");
        List<String[]> paths = List.of(new String[] {"GET entity", E}, new String[] {"GET version", VERSION});
        // warm-up: both paths in turn until the JIT has compiled them (its threads' CPU would count otherwise)
        int warmup = Integer.getInteger("bench.warmup-seconds", 30);
        for (int i = 0; i < 3; i++) {
            for (String[] path : paths) {
                wrk(registry + path[1], Math.max(2, warmup / 6));
            }
        }
        List<String> rows = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (String[] path : paths) {
                String url = registry + path[1];
                long[] pg0 = pgTicks();
                long cpu0 = ticks(registryPid);
                long loop0 = eventLoopTicks(registryPid);
                String load = uptime();
                long requests = wrk(url, seconds);
                long loop1 = eventLoopTicks(registryPid);
                long cpu1 = ticks(registryPid);
                long[] pg1 = pgTicks();
                rows.add(String.format(Locale.ROOT, "| %s | %,d | %.0f | %.0f | %.0f | %s |", path[0], requests,
                        (cpu1 - cpu0) * 1e6 / TICKS_PER_SECOND / requests,
                        (loop1 - loop0) * 1e6 / TICKS_PER_SECOND / requests,
                        (pg1[0] - pg0[0]) * 1e6 / TICKS_PER_SECOND / requests, load));
            }
        }
        for (String[] path : paths) {
            String url = registry + path[1];
            if (!jfr.isEmpty()) {
                Path file = Path.of(jfr, path[0].replace(' ', '-') + ".jfr").toAbsolutePath();
                Files.createDirectories(file.getParent());
                exec(List.of("jcmd", String.valueOf(registryPid), "JFR.start", "name=read", "settings=profile",
                        "filename=" + file));
                wrk(url, seconds);
                exec(List.of("jcmd", String.valueOf(registryPid), "JFR.stop", "name=read"));
            }
        }
        String hold = System.getProperty("bench.hold", "");
        if (!hold.isEmpty()) {
            System.out.printf("holding: registry %s pid %d database %s key %s; until %s exists%n", registry,
                    registryPid, suite.database("registry-service").name(), key, hold);
            while (!Files.exists(Path.of(hold))) {
                Thread.sleep(1000);
            }
        }
        System.out.printf("%nregistry-service read cost: tracing %s, %d s per row, wrk -t2 -c16; version body %d bytes"
                + "%n%s%n", tracing, seconds, body.length(), body);
        System.out.println("| path | requests | registry CPU us/request (all threads) | its event loops' | its "
                + "PostgreSQL backends' | load |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        assertThat(rows).hasSize(4);
    }

    /** An entity, a project collection, and its version v0 linked into two registries, with tags and aliases. */
    private void setUp(String base) throws Exception {
        post(base + "/api/v1/entities", Map.of("name", "rc"));
        post(base + E + "/projects", Map.of("name", "p"));
        post(base + E + "/registries", Map.of("name", "model"));
        post(base + E + "/registries", Map.of("name", "staging"));
        post(base + E + "/registries/model/collections", Map.of("name", "c", "type", "model"));
        post(base + E + "/registries/staging/collections", Map.of("name", "s", "type", "model"));
        String artifact = JSON.readTree(post(base + E + "/projects/p/artifacts", Map.of("collection", "a", "type",
                "model", "metadata", Map.of("accuracy", 0.93, "framework", "torch"), "aliases", List.of("best"),
                "tags", List.of("baseline", "team=vision")))).get("id").asText();
        post(base + E + "/registries/model/collections/c/links", Map.of("artifactId", artifact, "aliases",
                List.of("candidate", "prod")));
        post(base + E + "/registries/staging/collections/s/links", Map.of("artifactId", artifact, "aliases",
                List.of("review")));
        for (String tag : List.of("approved", "gpu", "team=vision")) {
            post(base + VERSION + "/tags", Map.of("tag", tag), 200);
        }
        post(base + E + "/registries/staging/collections/s/versions/v0/tags", Map.of("tag", "pending"), 200);
    }

    /** Requests wrk completed in {@code seconds} (failing on any non-2xx answer or socket error). */
    private long wrk(String url, int seconds) throws Exception {
        String out = exec(List.of("wrk", "-t2", "-c16", "-d" + seconds + "s", "-H", "Authorization: Bearer " + key,
                url));
        Matcher done = Pattern.compile("(\\d+) requests in").matcher(out);
        if (!done.find() || out.contains("Non-2xx") || out.contains("Socket errors")) {
            throw new IllegalStateException("wrk: " + out);
        }
        return Long.parseLong(done.group(1));
    }

    /** utime + stime of a process (or of one thread, {@code /proc/<pid>/task/<tid>}), in clock ticks. */
    private static long ticks(long pid) throws IOException {
        return ticks(Path.of("/proc/" + pid));
    }

    private static long ticks(Path proc) throws IOException {
        String stat = Files.readString(proc.resolve("stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** utime + stime of a process's Vert.x event-loop threads (where requests are served), in clock ticks. */
    private static long eventLoopTicks(long pid) throws IOException {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith("vert.x-eventloo")) {
                        sum += ticks(task);
                    }
                } catch (IOException gone) {
                    // a thread ended meanwhile
                }
            }
        }
        return sum;
    }

    /** CPU ticks of registry-service's PostgreSQL backends (its pool's connections), and how many there are. */
    private long[] pgTicks() throws Exception {
        TestDatabase db = suite.database("registry-service");
        long sum = 0;
        long n = 0;
        try (var c = db.connect(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
            while (rs.next()) {
                try {
                    sum += ticks(rs.getLong(1));
                    n++;
                } catch (IOException gone) {
                    // a connection closed meanwhile
                }
            }
        }
        return new long[] {sum, n};
    }

    private static String uptime() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static String exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + out);
        }
        return out;
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization",
                "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private String post(String url, Map<String, ?> body) throws Exception {
        return post(url, body, 201);
    }

    private String post(String url, Map<String, ?> body, int expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException("POST " + url + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
