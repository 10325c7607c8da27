package ai.automations.trigger.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.automations.common.testing.TestDatabase;

/**
 * trigger-service as its own JVM, started from the packaged {@code target/quarkus-app/quarkus-run.jar} against the
 * test broker and database, so that an integration test can kill it with SIGKILL and start it again.
 */
public final class TriggerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private TriggerProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    public static TriggerProcess start(String name, String bootstrap, TestDatabase database) {
        return start(name, bootstrap, database, List.of("-Xmx384m", "-XX:+UseSerialGC",
                "-Dautomations.trigger.checkpoint-interval-ms=1000", "-Dquarkus.log.category.\"ai.automations\".level=DEBUG"));
    }

    /** Starts the service with these JVM options (heap, collector, system properties) before the common ones. */
    public static TriggerProcess start(String name, String bootstrap, TestDatabase database, List<String> jvmOptions) {
        try {
            Path jar = Paths.get("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: integration tests run after packaging");
            }
            Path logs = Files.createDirectories(Paths.get("target", "it-logs"));
            Path log = logs.resolve(name + "-" + System.currentTimeMillis() + ".log");
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            command.addAll(List.of(
                    "-Dquarkus.http.port=" + port,
                    "-Dkafka.bootstrap.servers=" + bootstrap,
                    "-Dquarkus.datasource.reactive.url=" + database.reactiveUrl(),
                    "-Dquarkus.datasource.jdbc.url=" + database.jdbcUrl(),
                    "-Dquarkus.datasource.username=" + database.user(),
                    "-Dquarkus.datasource.password=" + database.password(),
                    "-Dautomations.auth.service-token=it-token",
                    "-Dmp.messaging.incoming.run-metrics.session.timeout.ms=8000",
                    "-Dmp.messaging.incoming.run-metrics.heartbeat.interval.ms=1000",
                    "-Dmp.messaging.incoming.events.session.timeout.ms=8000",
                    "-Dmp.messaging.incoming.events.heartbeat.interval.ms=1000",
                    "-jar", jar.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-stop"));
            return new TriggerProcess(name, port, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public TriggerProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            if (get("/q/health/ready") == 200) {
                return this;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " did not become ready; see " + log);
    }

    /** The value of a Prometheus sample on {@code /q/metrics} (the first series of that name), or -1. */
    public double metric(String sample) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body().lines().filter(l -> l.startsWith(sample + " ") || l.startsWith(sample + "{")).findFirst()
                    .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(-1.0);
        } catch (Exception e) {
            return -1;
        }
    }

    /** SIGKILL: no shutdown hook, no last checkpoint, no offset commit. */
    void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** CPU time the process has used so far, all threads. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    Path log() {
        return log;
    }

    private int get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
