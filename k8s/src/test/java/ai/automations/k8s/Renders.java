package ai.automations.k8s;

import java.util.LinkedHashMap;
import java.util.Map;

/** The value sets every chart test renders, each rendered once per test run. */
final class Renders {

    private static final Map<String, Manifests> CACHE = new LinkedHashMap<>();

    private Renders() {
    }

    static synchronized Map<String, Manifests> all() {
        if (CACHE.isEmpty()) {
            CACHE.put("default values", Chart.renderDefaults());
            CACHE.put("values-production.yaml", Chart.renderProduction());
            CACHE.put("jvm images", Chart.render(Chart.sets("image.flavor", "jvm")));
            CACHE.put("database secret store", Chart.render(Chart.sets(
                    "secretStore.backend", "database",
                    "secretStore.database.kek.existingSecret", "automations-secrets-kek")));
            CACHE.put("vault token login", Chart.render(Chart.sets(
                    "vault.auth.method", "token",
                    "vault.auth.token.existingSecret", "automations-vault-token")));
            CACHE.put("tracing on, plain-text logs", Chart.render(Map.of(), valuesFile("""
                    tracing:
                      enabled: true
                      endpoint: http://otel-collector.observability:4318
                      sampler: 0.25
                    logging:
                      json: false
                    """)));
        }
        return CACHE;
    }

    /** A values file with {@code yaml} (numbers stay numbers, unlike {@code --set-string}). */
    static java.nio.file.Path valuesFile(String yaml) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("values-", ".yaml");
            file.toFile().deleteOnExit();
            return java.nio.file.Files.writeString(file, yaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Manifests defaults() {
        return all().get("default values");
    }

    static Manifests production() {
        return all().get("values-production.yaml");
    }
}
