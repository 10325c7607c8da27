package ai.automations.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.automations.common.testing.KafkaBroker;
import ai.automations.common.testing.PackagedService;
import ai.automations.common.testing.TestDatabase;

/**
 * The whole suite as it runs for real: the four packaged services as separate JVMs, each with its own fresh
 * database, on one real Kafka broker, and the packaged console in front of them, configured the way
 * {@code bin/automations up} configures them (a {@code config/application.properties} in each working directory).
 * Started once per test JVM.
 */
public final class Suite {

    /**
     * Loggers raised to {@code e2e.service-log-level} (DEBUG unless set; the packaged services are built with DEBUG as
     * their finest level) so that the leak test reads everything the services would ever log.
     */
    public static final List<String> VERBOSE_LOGGERS = List.of("ai.automations", "org.jboss.resteasy.reactive",
            "io.quarkus.rest.client", "io.smallrye.reactive.messaging");

    /** The services, in start order. */
    public static final List<String> SERVICES = List.of("secrets-service", "registry-service", "trigger-service",
            "action-service");

    /** The console: web UI and front door ({@code url(CONSOLE) + "/api/v1/..."} reaches every service). */
    public static final String CONSOLE = "console";

    /** JVM options of each service: small and quick to start for tests; benchmarks pass their own. */
    private static final String DEFAULT_JVM_OPTIONS = "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    /** How long a service may take to start: 240 s unless {@code -Dautomations.test.ready-seconds} says (a loaded machine). */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("automations.test.ready-seconds", 240));

    private static Suite started;

    private final Path root;
    private final Path runDir;
    private final KafkaBroker broker;
    private final String adminKey = random(32);
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, TestDatabase> databases = new LinkedHashMap<>();
    private final Map<String, PackagedService> services = new LinkedHashMap<>();
    private final String kek = Base64.getEncoder().encodeToString(randomBytes(32));
    private volatile boolean tracing = !"off".equals(System.getProperty("e2e.tracing", "on"));

    private Suite() {
        root = Paths.get(System.getProperty("automations.root", "..")).toAbsolutePath().normalize();
        runDir = Paths.get("target", "e2e-run").toAbsolutePath();
        broker = KafkaBroker.shared();
        for (String service : SERVICES) {
            tokens.put(service, random(32));
            ports.put(service, PackagedService.freePort());
            databases.put(service, TestDatabase.create("e2e_" + service.replace("-service", "")));
        }
        ports.put(CONSOLE, PackagedService.freePort());
    }

    /** The running suite, started on first use and stopped when the test JVM exits. */
    public static synchronized Suite get() {
        if (started == null) {
            Suite suite = new Suite();
            Runtime.getRuntime().addShutdownHook(new Thread(suite::stop, "e2e-suite-stop"));
            suite.start();
            started = suite;
        }
        return started;
    }

    public String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    public String adminKey() {
        return adminKey;
    }

    public KafkaBroker broker() {
        return broker;
    }

    public Path log(String service) {
        return runDir.resolve(service + ".log");
    }

    /**
     * action-service's log as JSON lines (Quarkus' JSON format, the chart's, MDC fields flat: {@code traceId},
     * {@code spanId}), written beside its plain log so that tests can read which trace a line belongs to.
     */
    public Path jsonLog(String service) {
        return runDir.resolve(service + ".json.log");
    }

    /** Everything a service has logged in this run (its log is emptied when the suite starts). */
    public String logText(String service) {
        try {
            return Files.readString(log(service), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service's own database, e.g. to check what it stored. */
    public TestDatabase database(String service) {
        return databases.get(service);
    }

    /** The token a service presents on other services' {@code /internal} endpoints. */
    public String serviceToken(String service) {
        return tokens.get(service);
    }

    /** Whether the services export spans (sampling 1.0) to the test JVM's {@link TraceReceiver}. */
    public boolean tracing() {
        return tracing;
    }

    /** The receiver the services export their spans to while {@link #tracing()} is on. */
    public TraceReceiver traces() {
        return TraceReceiver.shared();
    }

    /**
     * Turns the services' (and the front door's) tracing on or off (default: on, {@code -De2e.tracing=off} starts
     * without): each is stopped and started again with the new setting, keeping its database and the broker.
     */
    public synchronized void tracing(boolean on) {
        if (on == tracing) {
            return;
        }
        tracing = on;
        for (String service : SERVICES) {
            services.get(service).stop();
            launch(service);
        }
        for (String service : SERVICES) {
            services.get(service).awaitReady();
        }
        services.get(CONSOLE).stop();
        launch(CONSOLE);
        services.get(CONSOLE).awaitReady();
    }

    /** The process id of a running service (benchmarks read its CPU time). */
    public long pid(String service) {
        return services.get(service).pid();
    }

    /** Stops one service the hard way (SIGKILL), as a crash would. */
    public void kill(String service) {
        services.get(service).kill();
    }

    /** Starts a service again (after {@link #kill}) and waits until it is ready. */
    public void restart(String service) {
        launch(service);
        services.get(service).awaitReady();
    }

    /**
     * Starts a second registry-service (the same packaged jar and configuration, on another port) on the same
     * database and broker, as a scaled-out deployment runs it; its base URL. Started once, stopped with the suite.
     */
    public synchronized String startSecondRegistry() {
        String second = "registry-service-2";
        if (!services.containsKey(second)) {
            ports.put(second, PackagedService.freePort());
            Path dir = runDir.resolve(second);
            try {
                Files.createDirectories(dir.resolve("config"));
                Files.writeString(dir.resolve("config/application.properties"), config("registry-service")
                        .replace("quarkus.http.port=" + ports.get("registry-service") + "\n",
                                "quarkus.http.port=" + ports.get(second) + "\n"));
                Files.deleteIfExists(log(second));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            services.put(second, PackagedService.builder(second)
                    .module(root.resolve("registry-service"))
                    .port(ports.get(second))
                    .directory(dir)
                    .appendLog(log(second))
                    .readyTimeout(READY_TIMEOUT)
                    .jvmOptions(System.getProperty("e2e.service-jvm-options", DEFAULT_JVM_OPTIONS).trim().split("\\s+"))
                    .launch());
            services.get(second).awaitReady();
        }
        return url(second);
    }

    private void start() {
        for (String service : SERVICES) {
            try {
                Files.deleteIfExists(log(service));
                Files.deleteIfExists(jsonLog(service));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            launch(service);
        }
        for (String service : SERVICES) {
            services.get(service).awaitReady();
        }
        try {
            Files.deleteIfExists(log(CONSOLE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        launch(CONSOLE);
        services.get(CONSOLE).awaitReady();
    }

    private void launch(String service) {
        Path dir = runDir.resolve(service);
        try {
            Files.createDirectories(dir.resolve("config"));
            Files.writeString(dir.resolve("config/application.properties"), config(service));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        services.put(service, PackagedService.builder(service)
                .module(root.resolve(service))
                .port(ports.get(service))
                .directory(dir)
                .appendLog(log(service))
                .readyTimeout(READY_TIMEOUT)
                .jvmOptions(System.getProperty("e2e.service-jvm-options", DEFAULT_JVM_OPTIONS).trim().split("\\s+"))
                .launch());
    }

    private String config(String service) {
        if (service.equals(CONSOLE)) {
            return consoleConfig();
        }
        TestDatabase db = databases.get(service);
        Map<String, String> c = new LinkedHashMap<>();
        c.put("quarkus.http.port", String.valueOf(ports.get(service)));
        c.put("kafka.bootstrap.servers", broker.bootstrapServers());
        c.put("quarkus.datasource.reactive.url", db.reactiveUrl());
        c.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        c.put("quarkus.datasource.username", db.user());
        if (!db.password().isEmpty()) {
            c.put("quarkus.datasource.password", db.password());
        }
        c.put("quarkus.rest-client.registry.url", url("registry-service"));
        c.put("quarkus.rest-client.secrets.url", url("secrets-service"));
        c.put("automations.public-url", url("action-service"));
        c.put("automations.console-url", url(CONSOLE));
        c.put("automations.auth.service-token", tokens.get(service));
        c.put("automations.tracing.enabled", String.valueOf(tracing));
        if (tracing) {
            c.put("automations.tracing.endpoint", TraceReceiver.shared().endpoint());
            c.put("automations.tracing.sampler", "1.0");
            c.put("automations.tracing.export-delay", "200ms");
        }
        String level = System.getProperty("e2e.service-log-level", "DEBUG");
        for (String logger : VERBOSE_LOGGERS) {
            c.put("quarkus.log.category.\"" + logger + "\".level", level);
        }
        for (String caller : SERVICES) {
            if (!caller.equals(service)) {
                c.put("automations.auth.trusted-services." + caller, tokens.get(caller));
            }
        }
        switch (service) {
            case "registry-service" -> c.put("automations.auth.bootstrap-admin-key", adminKey);
            case "action-service" -> {
                c.put("automations.delivery.allow-loopback", "true");
                c.put("quarkus.log.file.enabled", "true");
                c.put("quarkus.log.file.path", jsonLog(service).toString());
                c.put("quarkus.log.file.rotation.max-file-size", "512M");
                c.put("quarkus.log.file.json.enabled", "true");
                c.put("quarkus.log.file.json.mdc.flat-fields", "true");
            }
            case "secrets-service" -> {
                c.put("automations.secrets.backend", "database");
                c.put("automations.secrets.database.kek", kek);
                c.put("automations.secrets.database.kek-id", "e2e-1");
            }
            default -> {
            }
        }
        StringBuilder out = new StringBuilder();
        c.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    /** The console's port, its log levels like the services' and the four services behind its front door. */
    private String consoleConfig() {
        StringBuilder out = new StringBuilder();
        out.append("quarkus.http.port=").append(ports.get(CONSOLE)).append('\n');
        String level = System.getProperty("e2e.service-log-level", "DEBUG");
        for (String logger : VERBOSE_LOGGERS) {
            out.append("quarkus.log.category.\"").append(logger).append("\".level=").append(level).append('\n');
        }
        for (String service : SERVICES) {
            out.append("automations.console.services.").append(service.replace("-service", "")).append('=')
                    .append(url(service)).append('\n');
        }
        out.append("automations.tracing.enabled=").append(tracing).append('\n');
        if (tracing) {
            out.append("automations.tracing.endpoint=").append(TraceReceiver.shared().endpoint()).append('\n')
                    .append("automations.tracing.sampler=1.0\n")
                    .append("automations.tracing.export-delay=200ms\n");
        }
        return out.toString();
    }

    private void stop() {
        services.values().forEach(PackagedService::stop);
        databases.values().forEach(db -> {
            try {
                db.drop();
            } catch (RuntimeException e) {
                System.err.println("could not drop " + db.name() + ": " + e.getMessage());
            }
        });
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String random(int n) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(n));
    }
}
