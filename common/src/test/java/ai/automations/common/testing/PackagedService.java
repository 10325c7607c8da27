package ai.automations.common.testing;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A service's packaged {@code target/quarkus-app/quarkus-run.jar} running as a JVM of its own, for the tests and
 * benchmarks that must kill a service the way a crash would, start it again, or run several side by side. Built with
 * {@link #builder}; the process is killed when the test JVM exits, whatever the test did.
 */
public final class PackagedService implements AutoCloseable {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final String readyPath;
    private final Duration readyTimeout;

    private PackagedService(String name, int port, Process process, Path log, String readyPath, Duration readyTimeout) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.readyPath = readyPath;
        this.readyTimeout = readyTimeout;
    }

    /** A service called {@code name} (in messages and the default log name) from the module in the working directory. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * A port nobody listens on right now and that this JVM has not handed out before: services started one after the
     * other must not be given the same port while the first of them is still starting.
     */
    public static int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the readiness path (by default {@code /q/health/ready}) to answer 200, as long as the builder said. */
    public PackagedService awaitReady() {
        return awaitReady(readyTimeout);
    }

    /** Waits for the readiness path to answer 200; fails at once if the process has exited, naming its log. */
    public PackagedService awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start; see " + log);
            }
            if (status(readyPath) == 200) {
                return this;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " did not become ready within " + timeout + "; see " + log);
    }

    /** SIGKILL, as a crash: no shutdown hook, no graceful stop. Returns the exit code once the process is gone. */
    public int kill() {
        process.destroyForcibly();
        return awaitExit();
    }

    /** SIGTERM and a wait for a graceful stop; SIGKILL if that takes longer than 30 s. Does nothing once stopped. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " still runs " + EXIT_TIMEOUT + " after SIGKILL; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name + " to exit", e);
        }
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListeningYet) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * How to start a service: the command line is {@code java <jvm options> -Dquarkus.http.port=<port>
     * -D<property>=<value>... -jar <jar>}, the java of the test JVM. Reusable: each {@link #launch} starts a new process.
     */
    public static final class Builder {

        private final String name;
        private Path module = Paths.get("");
        private int port;
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Path directory;
        private Path log;
        private boolean appendLog;
        private String readyPath = "/q/health/ready";
        private Duration readyTimeout = Duration.ofSeconds(120);

        private Builder(String name) {
            this.name = name;
            this.log = Paths.get("target", "it-logs", name + ".log");
        }

        /** The module whose {@code target/quarkus-app/quarkus-run.jar} runs; the working directory unless set. */
        public Builder module(Path module) {
            this.module = module;
            return this;
        }

        /** The HTTP port; a free one, chosen at each launch, unless set. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Options before the system properties, such as {@code -Xmx384m}; appended to those given before. */
        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        public Builder jvmOptions(String... options) {
            return jvmOptions(List.of(options));
        }

        /** A {@code -D} system property; properties keep the order they were given in. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** The {@code quarkus.datasource} properties that point the service at a test database. */
        public Builder database(TestDatabase database) {
            return property("quarkus.datasource.reactive.url", database.reactiveUrl())
                    .property("quarkus.datasource.jdbc.url", database.jdbcUrl())
                    .property("quarkus.datasource.username", database.user())
                    .property("quarkus.datasource.password", database.password());
        }

        /** The process's working directory (where Quarkus looks for {@code config/application.properties}). */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** Where standard output and error go, replaced at each launch; {@code target/it-logs/<name>.log} unless set. */
        public Builder log(Path log) {
            this.log = log;
            this.appendLog = false;
            return this;
        }

        /** Like {@link #log(Path)}, but each launch appends, so that one file holds every run of the service. */
        public Builder appendLog(Path log) {
            this.log = log;
            this.appendLog = true;
            return this;
        }

        /** The path that answers 200 once the service can work; {@code /q/health/ready} unless set. */
        public Builder readyPath(String path) {
            this.readyPath = path;
            return this;
        }

        /** How long {@link #start} and {@link PackagedService#awaitReady()} wait; 120 s unless set. */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /** Starts the process and waits until it is ready. */
        public PackagedService start() {
            return launch().awaitReady();
        }

        /** Starts the process without waiting, so that several can start at once; see {@link PackagedService#awaitReady()}. */
        public PackagedService launch() {
            Path jar = module.resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: package the service before starting it");
            }
            int chosenPort = port > 0 ? port : freePort();
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-Dquarkus.http.port=" + chosenPort);
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", jar.toString()));
            try {
                Path logFile = log.toAbsolutePath();
                Files.createDirectories(logFile.getParent());
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(appendLog
                        ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                        : ProcessBuilder.Redirect.to(logFile.toFile()));
                if (directory != null) {
                    builder.directory(directory.toFile());
                }
                Process process = builder.start();
                Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-kill"));
                return new PackagedService(name, chosenPort, process, logFile, readyPath, readyTimeout);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
