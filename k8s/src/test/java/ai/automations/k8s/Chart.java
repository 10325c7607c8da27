package ai.automations.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/** The chart in k8s/automations, rendered and linted by real Helm (helm-java). */
final class Chart {

    static final String RELEASE = "automations";
    static final String NAMESPACE = "automations";
    static final String KUBE_VERSION = "1.30.0";

    private Chart() {
    }

    static Path root() {
        return Path.of(System.getProperty("automations.root", "..")).toAbsolutePath().normalize();
    }

    static Path dir() {
        return root().resolve("k8s/automations");
    }

    static Path productionValues() {
        return dir().resolve("values-production.yaml");
    }

    /** {@code helm template} with the chart's defaults, then the values files in order, then the --set values. */
    static Manifests render(Map<String, String> set, Path... valuesFiles) {
        TemplateCommand template = new Helm(dir()).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path file : valuesFiles) {
            template.withValuesFile(file);
        }
        set.forEach(template::set);
        return Manifests.parse(template.call());
    }

    static Manifests renderDefaults() {
        return render(Map.of());
    }

    static Manifests renderProduction() {
        return render(Map.of(), productionValues());
    }

    /**
     * {@code helm lint} of the chart with the given values file merged over its values.yaml. helm-java's lint takes
     * no values, so the chart is copied and its values.yaml replaced by the merge (what Helm itself would use).
     */
    static LintResult lint(Path valuesFile) {
        if (valuesFile == null) {
            return new Helm(dir()).lint().strict().call();
        }
        try {
            Path copy = Files.createTempDirectory("automations-chart");
            copyTree(dir(), copy);
            JsonNode merged = merge(Yaml.read(dir().resolve("values.yaml")), Yaml.read(valuesFile));
            Yaml.write(merged, copy.resolve("values.yaml"));
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text {@code helm install} prints (templates/NOTES.txt). {@code helm template} skips NOTES.txt and helm-java's
     * dry-run install needs a cluster, so a copy of the chart renders it through {@code tpl} into a ConfigMap.
     */
    static String renderNotes(Map<String, String> set) {
        try {
            Path copy = Files.createTempDirectory("automations-notes");
            copyTree(dir(), copy);
            Files.copy(copy.resolve("templates/NOTES.txt"), copy.resolve("notes.txt"));
            Files.writeString(copy.resolve("templates/zz-notes.yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: rendered-notes
                    data:
                      notes: {{ tpl (.Files.Get "notes.txt") . | quote }}
                    """);
            TemplateCommand template = new Helm(copy).template().withName(RELEASE).withNamespace(NAMESPACE)
                    .withKubeVersion(KUBE_VERSION);
            set.forEach(template::set);
            return Manifests.parse(template.call()).configMap("rendered-notes")
                    .orElseThrow().getData().get("notes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Helm's coalescing of values: maps merge key by key, anything else is replaced. */
    static JsonNode merge(JsonNode base, JsonNode override) {
        if (base instanceof ObjectNode baseObject && override instanceof ObjectNode overrideObject) {
            ObjectNode result = baseObject.deepCopy();
            overrideObject.fields().forEachRemaining(e -> result.set(e.getKey(),
                    result.has(e.getKey()) ? merge(result.get(e.getKey()), e.getValue()) : e.getValue()));
            return result;
        }
        return override;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static Map<String, String> sets(String... keyValues) {
        Map<String, String> set = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            set.put(keyValues[i], keyValues[i + 1]);
        }
        return set;
    }
}
