package ai.automations.secrets.bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import ai.automations.common.auth.Role;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.common.testing.TestDatabase;

/**
 * Measures action-service's hot path, {@code POST /internal/v1/entities/{e}/secrets/resolve}, on the database backend:
 * starts the packaged service (JVM mode) on a fresh database with the registry double for API keys, creates secrets,
 * then prints latency percentiles of sequential resolves (each one reads, decrypts and audits two secrets in one
 * transaction). Not a test; see "Benchmarks" in secrets-service/README.md for the command.
 */
public final class ResolveBench {

    private ResolveBench() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        RegistryDouble registry = new RegistryDouble();
        String registryUrl = registry.start().get("quarkus.rest-client.registry.url");
        TestDatabase database = TestDatabase.create("bench");
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        int port = 18184;
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        env.put("QUARKUS_REST_CLIENT_REGISTRY_URL", registryUrl);
        env.put("AUTOMATIONS_AUTH_SERVICE_TOKEN", "bench-secrets-token");
        env.put("AUTOMATIONS_SECRETS_DATABASE_KEK", Base64.getEncoder().encodeToString(kek));
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dautomations.auth.trusted-services.action-service=bench-action-token", "-jar", "secrets-service/target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(new File("secrets-service/target/resolve-bench.log"));
        builder.environment().putAll(env);
        Process service = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        try {
            awaitUp(http, base);
            String admin = RegistryDouble.keyFor(Role.ADMIN, "acme");
            for (String name : new String[] { "CI_TOKEN", "SIGNING_KEY" }) {
                send(http, base + "/api/v1/entities/acme/secrets", admin,
                        "{\"name\":\"" + name + "\",\"value\":\"v-" + name + "-0123456789abcdef\"}", 201);
            }
            String body = "{\"names\":[\"CI_TOKEN\",\"SIGNING_KEY\"],\"automationId\":\"a\",\"executionId\":\"e\"}";
            String url = base + "/internal/v1/entities/acme/secrets/resolve";
            for (int i = 0; i < 500; i++) {
                send(http, url, "bench-action-token", body, 200);
            }
            long[] nanos = new long[iterations];
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                long t = System.nanoTime();
                send(http, url, "bench-action-token", body, 200);
                nanos[i] = System.nanoTime() - t;
            }
            long total = System.nanoTime() - start;
            Arrays.sort(nanos);
            System.out.printf("resolve of 2 secrets (database backend, sequential, %d calls): p50 %.2f ms, p90 %.2f ms,"
                    + " p99 %.2f ms, max %.2f ms, %.0f calls/s%n", iterations, ms(nanos, 0.50), ms(nanos, 0.90),
                    ms(nanos, 0.99), nanos[iterations - 1] / 1e6, iterations * 1e9 / total);
        } finally {
            service.destroy();
            service.waitFor();
            registry.stop();
            database.drop();
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static void send(HttpClient http, String url, String token, String json, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
    }

    private static void awaitUp(HttpClient http, String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/live")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("secrets-service did not start; see secrets-service/target/resolve-bench.log");
    }
}
