package ai.automations.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node KRaft Kafka broker in a JVM of its own, started from the Kafka jars on Maven Central. One is
 * shared by all tests of a test JVM; it listens on free ports so it never collides with a running stack, and it
 * exits when the test JVM does (even on kill -9, since it watches its standard input).
 */
public final class KafkaBroker {

    private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";
    private static KafkaBroker shared;

    private final Path directory;
    private final int port;
    private final Process process;

    private KafkaBroker(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /** The broker of this JVM, started on first use, with the contract's topics created. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = start(Paths.get("target", "test-kafka"));
            shared.createTopics(TestTopics.CONTRACT);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "test-kafka-stop"));
        }
        return shared;
    }

    /** Starts a fresh broker whose data and log live under {@code parent}. */
    public static KafkaBroker start(Path parent) {
        return start(parent, Map.of());
    }

    /** Starts a fresh broker with some server properties of its own (say, Kafka's defaults where tests change them). */
    public static KafkaBroker start(Path parent, Map<String, String> overrides) {
        try {
            Files.createDirectories(parent);
            Path directory = Files.createTempDirectory(parent.toAbsolutePath(), "broker-");
            int[] ports = freePorts(2);
            int port = ports[0];
            int controllerPort = ports[1];
            Path config = directory.resolve("server.properties");
            Files.writeString(config, serverProperties(directory.resolve("data"), port, controllerPort, overrides));
            String classpath = classpath();
            run(classpath, directory.resolve("format.log"), "kafka.tools.StorageTool",
                    "format", "-t", clusterId(), "-c", config.toString()).waitFor(60, TimeUnit.SECONDS);
            Process process = run(classpath, directory.resolve("broker.log"), KafkaBrokerMain.class.getName(),
                    config.toString());
            KafkaBroker broker = new KafkaBroker(directory, port, process);
            broker.awaitReady(Duration.ofSeconds(Long.getLong("automations.test.ready-seconds", 90)));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path log() {
        return directory.resolve("broker.log");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    public void createTopics(List<NewTopic> topics) {
        try (Admin admin = admin()) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic.name(), e);
                    }
                }
            }
            awaitListed(admin, topics.stream().map(NewTopic::name).collect(Collectors.toSet()));
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topics on the test broker; see " + log(), e);
        }
    }

    /** A created topic shows in listings (and metadata) only once the controller has propagated it. */
    private static void awaitListed(Admin admin, java.util.Set<String> names) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(names)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics " + names + " were created but are not listed");
            }
            Thread.sleep(100);
        }
    }

    public void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The test Kafka broker exited; see " + log());
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        stop();
        throw new IllegalStateException("The test Kafka broker did not become ready; see " + log(), last);
    }

    private static Process run(String classpath, Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xms128m", "-Xmx512m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String classpath() {
        try (var in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build the common module first");
            }
            String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String own = Paths.get(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            return own + java.io.File.pathSeparator + List.of(jars.split(java.io.File.pathSeparator)).stream()
                    .filter(jar -> !jar.contains("jboss-logmanager"))
                    .collect(Collectors.joining(java.io.File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String serverProperties(Path data, int port, int controllerPort, Map<String, String> overrides) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", data.toAbsolutePath().toString());
        p.put("num.partitions", "4");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.putAll(overrides);
        return p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }

    private static String clusterId() {
        SecureRandom random = new SecureRandom();
        while (true) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /** {@code count} distinct free ports: the sockets are held open together, so no two answers can be the same. */
    static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                sockets[i].setReuseAddress(true);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    private static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }
}
