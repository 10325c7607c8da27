package ai.automations.secrets.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import ai.automations.common.auth.Role;
import ai.automations.common.testing.PackagedService;
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
        PackagedService service = PackagedService.builder("secrets-service")
                .module(Path.of("secrets-service"))
                .log(Path.of("secrets-service", "target", "resolve-bench.log"))
                .readyPath("/q/health/live")
                .jvmOptions("-Xmx512m")
                .property("automations.auth.trusted-services.action-service", "bench-action-token")
                .database(database)
                .property("quarkus.rest-client.registry.url", registryUrl)
                .property("automations.auth.service-token", "bench-secrets-token")
                .property("automations.secrets.database.kek", Base64.getEncoder().encodeToString(kek))
                .property("kafka.bootstrap.servers", "127.0.0.1:1")
                .property("quarkus.log.level", "WARN")
                .launch();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = service.url();
        try {
            service.awaitReady();
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
            service.stop();
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
}
