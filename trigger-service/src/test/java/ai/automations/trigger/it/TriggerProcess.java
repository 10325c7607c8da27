package ai.automations.trigger.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import ai.automations.common.testing.PackagedService;
import ai.automations.common.testing.TestDatabase;

/**
 * trigger-service as its own JVM ({@link PackagedService}) against the test broker and database, with the settings
 * that make a kill and a restart quick to observe: short consumer sessions, a one-second checkpoint interval.
 */
public final class TriggerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final PackagedService service;

    private TriggerProcess(PackagedService service) {
        this.service = service;
    }

    public static TriggerProcess start(String name, String bootstrap, TestDatabase database) {
        return start(name, bootstrap, database, List.of("-Xmx384m", "-XX:+UseSerialGC",
                "-Dautomations.trigger.checkpoint-interval-ms=1000", "-Dquarkus.log.category.\"ai.automations\".level=DEBUG"));
    }

    /** Starts the service with these JVM options (heap, collector, system properties) before the common ones. */
    public static TriggerProcess start(String name, String bootstrap, TestDatabase database, List<String> jvmOptions) {
        return new TriggerProcess(PackagedService.builder(name)
                .log(Paths.get("target", "it-logs", name + "-" + System.currentTimeMillis() + ".log"))
                .jvmOptions(jvmOptions)
                .property("kafka.bootstrap.servers", bootstrap)
                .database(database)
                .property("automations.auth.service-token", "it-token")
                .property("mp.messaging.incoming.run-metrics.session.timeout.ms", "8000")
                .property("mp.messaging.incoming.run-metrics.heartbeat.interval.ms", "1000")
                .property("mp.messaging.incoming.events.session.timeout.ms", "8000")
                .property("mp.messaging.incoming.events.heartbeat.interval.ms", "1000")
                .launch());
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public TriggerProcess awaitReady(Duration timeout) {
        service.awaitReady(timeout);
        return this;
    }

    /** The value of a Prometheus sample on {@code /q/metrics} (the first series of that name), or -1. */
    public double metric(String sample) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body().lines().filter(l -> l.startsWith(sample + " ") || l.startsWith(sample + "{")).findFirst()
                    .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(-1.0);
        } catch (Exception e) {
            return -1;
        }
    }

    /** SIGKILL: no shutdown hook, no last checkpoint, no offset commit. */
    void kill9() {
        service.kill();
    }

    /** CPU time the process has used so far, all threads. */
    public Duration cpuTime() {
        return ProcessHandle.of(service.pid()).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    @Override
    public void close() {
        service.stop();
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
