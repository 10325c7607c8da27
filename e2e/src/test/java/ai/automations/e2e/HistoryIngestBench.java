package ai.automations.e2e;

import static ai.automations.e2e.RegistryThroughputBench.exec;
import static ai.automations.e2e.RegistryThroughputBench.uptime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.testing.TestDatabase;
import ai.automations.e2e.RegistryThroughputBench.Load;
import io.vertx.core.Vertx;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a run history call's time goes on the packaged suite: the history rows of {@link RegistryThroughputBench}
 * (1,000-point batches from 8 clients, a 10,000-point batch alone) beside a plain Kafka producer sending the same
 * records, plus what each row cost in CPU per call, process by process (registry, trigger, the other services, the
 * broker, the registry database's PostgreSQL backends, the bench itself) read from {@code /proc}, which does not
 * depend on how loaded the machine is, and a JFR CPU profile of registry-service under the same load, its samples
 * sorted by what the thread was doing. With registry's {@code ai.automations.registry.run} logger at DEBUG (see
 * below) it also prints each stage's time per call from registry's log. Figures only, no assertions:
 * {@code ./mvnw -B verify -Pbench -pl e2e -am -DskipTests -Dit.test=HistoryIngestBench
 * -Dfailsafe.failIfNoSpecifiedTests=false [-Dbench.row-seconds=15] [-Dbench.stages=true]}.
 */
class HistoryIngestBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String E = "/api/v1/entities/hi";
    private static final String STAGE_LOGGER = "ai.automations.registry.run";

    private final HttpClient blocking = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Vertx vertx = Vertx.vertx();
    private final List<String> rows = new ArrayList<>();
    private int rowSeconds;
    private Suite suite;
    private String key;

    @Test
    void historyIngestAndWhereItsTimeGoes() throws Exception {
        rowSeconds = Integer.getInteger("bench.row-seconds", 15);
        suite = Suite.get();
        key = suite.adminKey();
        String registry = suite.url("registry-service");
        String load0 = uptime();
        setUp(registry);

        Load.run(vertx, registry, 8, Math.max(3, rowSeconds / 2), (c, n) -> history(c, 100_000 + n, 100));
        Load.run(vertx, registry, 1, Math.max(3, rowSeconds / 3), (c, n) -> history(100, 100_000 + n, 1000));
        double kafka = HistoryKafkaFloor.pointsPerSecond(suite, "hi", Math.max(3, rowSeconds / 2));

        Cpu cpu = Cpu.start(suite);
        Load.Result history = Load.run(vertx, registry, 8, rowSeconds, (c, n) -> history(c, n, 100));
        Map<String, Double> historyCpu = cpu.stop();
        rows.add(String.format(Locale.ROOT, "| run history, 1,000-point batches, 8 clients | %,.0f points/s (%,.0f req/s), "
                + "p50 %.1f ms, p99 %.1f ms%s | plain Kafka producer %,.0f points/s (same records) | %.3f |",
                history.perSecond() * 1000, history.perSecond(), history.p(50), history.p(99), history.errorText(),
                kafka, history.perSecond() * 1000 / kafka));

        cpu = Cpu.start(suite);
        Load.Result big = Load.run(vertx, registry, 1, rowSeconds, (c, n) -> history(100, n, 1000));
        Map<String, Double> bigCpu = cpu.stop();
        rows.add(String.format(Locale.ROOT, "| one 10,000-point batch, sequential | %.1f req/s, p50 %.1f ms, p99 %.1f ms%s "
                + "| - | — |", big.perSecond(), big.p(50), big.p(99), big.errorText()));

        String load1 = uptime();
        System.out.printf("%nrun history ingest: %d s per row; load before: %s; load after: %s%n", rowSeconds, load0,
                load1);
        System.out.println("| path | measured | floor, same run | ratio |");
        System.out.println("|---|---|---|---|");
        rows.forEach(System.out::println);
        printCpu("1,000-point call, 8 clients", historyCpu, history.count());
        printCpu("10,000-point call, sequential", bigCpu, big.count());

        if (Boolean.parseBoolean(System.getProperty("bench.jfr", "true"))) {
            for (String service : List.of("registry-service", "trigger-service")) {
                long pid = Cpu.pidOf(suite, service);
                Path jfr = Paths.get("target", service + "-history.jfr").toAbsolutePath();
                Files.deleteIfExists(jfr);
                exec(List.of(jcmd(), String.valueOf(pid), "JFR.start", "name=history", "settings=profile",
                        "filename=" + jfr));
                Load.Result profiled = Load.run(vertx, registry, 8, rowSeconds, (c, n) -> history(c, 200_000 + n, 100));
                exec(List.of(jcmd(), String.valueOf(pid), "JFR.stop", "name=history"));
                System.out.printf("%nJFR CPU profile of %s, 8 clients × 1,000 points, %,.0f points/s while recorded, "
                        + "load %s%n", service, profiled.perSecond() * 1000, uptime());
                Profile.of(jfr).print();
            }
        }
        printStages();
    }

    /** An entity, a project and the runs the rows log to. */
    private void setUp(String base) throws Exception {
        post(base + "/api/v1/entities", Map.of("name", "hi"));
        post(base + E + "/projects", Map.of("name", "p"));
        for (int r = 0; r < 8; r++) {
            post(base + E + "/projects/p/runs", Map.of("id", "h" + r, "name", "h" + r));
        }
        post(base + E + "/projects/p/runs", Map.of("id", "h100", "name", "h100"));
    }

    /** A batch of {@code steps} steps × 10 metrics for run {@code h<run>}, as {@link RegistryThroughputBench} sends. */
    private static Load.Request history(int run, int n, int steps) {
        StringBuilder body = new StringBuilder(steps * 300).append('[');
        long first = (long) n * steps;
        for (int s = 0; s < steps; s++) {
            body.append(s == 0 ? "" : ",").append("{\"step\":").append(first + s).append(",\"metrics\":{");
            for (int m = 0; m < 10; m++) {
                body.append(m == 0 ? "" : ",").append("\"metric_").append(m).append("\":")
                        .append(0.1 + (first + s + m) % 1000 / 10_000.0);
            }
            body.append("}}");
        }
        return Load.Request.post(E + "/projects/p/runs/h" + run + "/history", body.append(']').toString());
    }


    private static void printCpu(String row, Map<String, Double> seconds, long calls) {
        System.out.printf("%nCPU per %s (ms per call, from /proc; %d calls):%n", row, calls);
        double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        seconds.forEach((process, s) -> System.out.printf(Locale.ROOT, "    %-34s %7.2f ms%n", process,
                s * 1000 / Math.max(1, calls)));
        System.out.printf(Locale.ROOT, "    %-34s %7.2f ms (2 cores: at most %,.0f calls/s if nothing else ran)%n",
                "total", total * 1000 / Math.max(1, calls), 2 * Math.max(1, calls) / Math.max(1e-9, total));
    }

    /**
     * Each stage's time per call from registry's DEBUG lines ({@code -Dbench.stages=true} raises that logger for this
     * run: {@code -De2e.service-jvm-options="-Xmx512m -XX:+UseParallelGC
     * -Dquarkus.log.category.\"ai.automations.registry.run\".level=DEBUG"}).
     */
    private void printStages() throws IOException {
        Pattern line = Pattern.compile("history stages \\(ms\\): (.*)$");
        Map<String, List<Double>> stages = new LinkedHashMap<>();
        for (String l : Files.readAllLines(suite.log("registry-service"), StandardCharsets.UTF_8)) {
            Matcher m = line.matcher(l);
            if (m.find() && l.contains("values=1000 ")) {
                for (String part : m.group(1).trim().split("\\s+")) {
                    String[] kv = part.split("=");
                    if (kv.length == 2 && !kv[0].equals("values")) {
                        stages.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Double.parseDouble(kv[1]));
                    }
                }
            }
        }
        if (stages.isEmpty()) {
            System.out.println("\n(no stage lines: run with registry's " + STAGE_LOGGER + " logger at DEBUG)");
            return;
        }
        System.out.println("\nStages of a 1,000-point call in registry (ms from the call's arrival in the resource; "
                + "all rows, warm-up included):");
        stages.forEach((stage, values) -> {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "    %-12s p50 %7.2f  p90 %7.2f  p99 %7.2f  (%d calls)%n", stage,
                    sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)],
                    sorted[(int) (sorted.length * 0.99)], sorted.length);
        });
    }

    private void post(String url, Map<String, ?> body) throws Exception {
        HttpResponse<String> response = blocking.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw new IllegalStateException("POST " + url + " -> " + response.statusCode() + " " + response.body());
        }
    }

    private static String jcmd() {
        return Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

    /** CPU time (user + system) of this suite's processes between start and stop, read from {@code /proc}. */
    static final class Cpu {

        private final Map<String, List<Long>> pids;
        private final Map<Long, Long> before;

        private Cpu(Map<String, List<Long>> pids) {
            this.pids = pids;
            this.before = ticks(pids);
        }

        static Cpu start(Suite suite) throws Exception {
            Map<String, List<Long>> pids = new LinkedHashMap<>();
            for (String service : Suite.SERVICES) {
                pids.put(service, List.of(pidOf(suite, service)));
            }
            pids.put("console", List.of(pidOf(suite, Suite.CONSOLE)));
            pids.put("Kafka broker", List.of(brokerPid()));
            pids.put("PostgreSQL, registry's backends", backends(suite.database("registry-service")));
            pids.put("PostgreSQL, trigger's backends", backends(suite.database("trigger-service")));
            pids.put("bench JVM (clients)", List.of(ProcessHandle.current().pid()));
            return new Cpu(pids);
        }

        Map<String, Double> stop() {
            Map<Long, Long> after = ticks(pids);
            Map<String, Double> seconds = new LinkedHashMap<>();
            pids.forEach((name, list) -> seconds.put(name, list.stream()
                    .mapToLong(p -> after.getOrDefault(p, 0L) - before.getOrDefault(p, 0L)).sum() / 100.0));
            return seconds;
        }

        private static Map<Long, Long> ticks(Map<String, List<Long>> pids) {
            Map<Long, Long> ticks = new TreeMap<>();
            pids.values().forEach(list -> list.forEach(p -> {
                try {
                    String stat = Files.readString(Paths.get("/proc", String.valueOf(p), "stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(p, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    ticks.put(p, 0L);
                }
            }));
            return ticks;
        }

        /** The process running this worktree's packaged {@code service} (its jar's path names it). */
        static long pidOf(Suite suite, String service) {
            String jar = Paths.get(System.getProperty("automations.root", "..")).toAbsolutePath().normalize()
                    .resolve(service).resolve("target") + "/";
            return ProcessHandle.allProcesses().filter(p -> commandLine(p.pid()).contains(jar))
                    .filter(p -> commandLine(p.pid()).contains(" -Dquarkus.http.port="
                            + URI.create(suite.url(service)).getPort() + " "))
                    .mapToLong(ProcessHandle::pid).findFirst().orElseThrow(() -> new IllegalStateException(
                            "no process of " + service));
        }

        /** The broker this JVM started (its command line names this module's target/test-kafka). */
        private static long brokerPid() {
            String dir = Paths.get("target", "test-kafka").toAbsolutePath().toString();
            return ProcessHandle.current().children().filter(p -> commandLine(p.pid()).contains(dir))
                    .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
        }

        private static List<Long> backends(TestDatabase db) throws Exception {
            List<Long> pids = new ArrayList<>();
            try (var c = db.connect(); var st = c.createStatement(); var rs = st.executeQuery(
                    "SELECT pid FROM pg_stat_activity WHERE datname = '" + db.name() + "' AND pid <> pg_backend_pid()")) {
                while (rs.next()) {
                    pids.add(rs.getLong(1));
                }
            }
            return pids;
        }

        private static String commandLine(long pid) {
            try {
                return new String(Files.readAllBytes(Paths.get("/proc", String.valueOf(pid), "cmdline")),
                        StandardCharsets.UTF_8).replace('\0', ' ');
            } catch (IOException e) {
                return "";
            }
        }
    }

    /** A JFR recording's CPU samples, by thread and by what the sampled stack was doing. */
    record Profile(long samples, Map<String, Long> threads, Map<String, Long> doing, Map<String, Long> topFrames,
            double gcMillis) {

        /** What a stack was doing: the first of these (in this order) that a frame of it belongs to. */
        private static final Map<String, String> KINDS = kinds();

        private static Map<String, String> kinds() {
            Map<String, String> k = new LinkedHashMap<>();
            k.put("ai.automations.registry.run.HistoryJson", "history: parse (HistoryJson)");
            k.put("ai.automations.registry.run.HistoryRecords", "history: Kafka values (HistoryRecords)");
            k.put("ai.automations.registry.run.HistoryBatch", "history: columns (HistoryBatch)");
            k.put("io.vertx.pgclient.", "PostgreSQL client");
            k.put("io.vertx.sqlclient.", "PostgreSQL client");
            k.put("org.hibernate.", "Hibernate");
            k.put("org.apache.kafka.", "Kafka client");
            k.put("io.opentelemetry.", "tracing");
            k.put("io.quarkus.opentelemetry.", "tracing");
            k.put("io.quarkus.security.", "auth");
            k.put("ai.automations.common.auth.", "auth");
            k.put("org.jboss.logmanager.", "logging");
            k.put("ai.automations.registry.run.", "history: other registry code");
            k.put("org.jboss.resteasy.", "HTTP: RESTEasy");
            k.put("io.quarkus.vertx.http.", "HTTP: Quarkus/Vert.x");
            k.put("io.vertx.core.http.", "HTTP: Quarkus/Vert.x");
            k.put("ai.automations.trigger.", "trigger code");
            k.put("com.fasterxml.jackson.", "Jackson (not under history code)");
            k.put("io.netty.", "Netty I/O");
            k.put("io.smallrye.mutiny.", "Mutiny");
            k.put("io.smallrye.reactive.messaging.", "SmallRye messaging");
            return k;
        }

        static Profile of(Path jfr) throws IOException {
            long samples = 0;
            double gc = 0;
            Map<String, Long> threads = new TreeMap<>();
            Map<String, Long> doing = new TreeMap<>();
            Map<String, Long> top = new TreeMap<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
                String type = e.getEventType().getName();
                if (type.equals("jdk.GarbageCollection")) {
                    gc += e.getDuration().toNanos() / 1e6;
                }
                if (!type.equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                samples++;
                String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
                threads.merge(thread == null ? "?" : thread.replaceAll("[-#]?\\d+$", "").replaceAll("\\d+", "N"), 1L,
                        Long::sum);
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                if (!frames.isEmpty()) {
                    top.merge(frames.get(0).getMethod().getType().getName() + "." + frames.get(0).getMethod().getName(),
                            1L, Long::sum);
                }
                String kind = null;
                for (Map.Entry<String, String> k : KINDS.entrySet()) {
                    if (frames.stream().anyMatch(f -> f.getMethod().getType().getName().startsWith(k.getKey()))) {
                        kind = k.getValue();
                        break;
                    }
                }
                doing.merge(kind == null ? "other: " + frames.get(0).getMethod().getType().getName()
                        .replaceAll("\\.[^.]*$", "") : kind, 1L, Long::sum);
            }
            return new Profile(samples, threads, doing, top, gc);
        }

        void print() {
            System.out.printf("    %d CPU samples of Java code; GC pauses %.0f ms in all%n", samples, gcMillis);
            System.out.println("    by thread:");
            share(threads, 12);
            System.out.println("    by what the stack was doing (first kind any frame belongs to):");
            share(doing, 25);
            System.out.println("    top frames:");
            share(topFrames, 20);
        }

        private void share(Map<String, Long> counts, int limit) {
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .limit(limit).forEach(e -> System.out.printf(Locale.ROOT, "      %5.1f%%  %s%n",
                            100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
        }
    }
}
