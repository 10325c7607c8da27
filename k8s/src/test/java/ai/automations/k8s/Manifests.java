package ai.automations.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** The manifests of one {@code helm template} run, parsed into fabric8's model. */
final class Manifests {

    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "Deployment", Deployment.class,
            "Service", Service.class,
            "ServiceAccount", ServiceAccount.class,
            "ConfigMap", ConfigMap.class,
            "PodDisruptionBudget", PodDisruptionBudget.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "NetworkPolicy", NetworkPolicy.class,
            "Ingress", Ingress.class);

    /** The component label naming the service a resource belongs to. */
    static final String COMPONENT = "app.kubernetes.io/component";

    private final String yaml;
    private final List<HasMetadata> resources;

    private Manifests(String yaml, List<HasMetadata> resources) {
        this.yaml = yaml;
        this.resources = resources;
    }

    static Manifests parse(String yaml) {
        List<HasMetadata> resources = new ArrayList<>();
        try (JsonParser parser = Yaml.MAPPER.getFactory().createParser(yaml);
                MappingIterator<JsonNode> documents = Yaml.MAPPER.readValues(parser, JsonNode.class)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                Class<? extends HasMetadata> type = TYPES.getOrDefault(document.path("kind").asText(),
                        GenericKubernetesResource.class);
                resources.add(Yaml.MAPPER.treeToValue(document, type));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("helm template rendered YAML that does not parse", e);
        }
        return new Manifests(yaml, resources);
    }

    String yaml() {
        return yaml;
    }

    List<HasMetadata> all() {
        return resources;
    }

    <T extends HasMetadata> List<T> of(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> ofKind(String kind) {
        return of(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    List<Deployment> deployments() {
        return of(Deployment.class);
    }

    /** The Deployment of one service, by its component label (e.g. {@code action-service}). */
    Deployment deployment(String service) {
        return deployments().stream()
                .filter(d -> service.equals(d.getMetadata().getLabels().get(COMPONENT)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment for " + service));
    }

    static String serviceOf(HasMetadata resource) {
        return resource.getMetadata().getLabels().get(COMPONENT);
    }

    Optional<ConfigMap> configMap(String name) {
        return of(ConfigMap.class).stream().filter(c -> name.equals(c.getMetadata().getName())).findFirst();
    }

    /**
     * Every environment variable a Deployment's containers get, by name: explicit entries and the keys of the
     * ConfigMaps they take whole ({@code envFrom}).
     */
    Map<String, EnvSetting> environment(Deployment deployment) {
        Map<String, EnvSetting> env = new LinkedHashMap<>();
        for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
            for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
                if (from.getConfigMapRef() != null) {
                    String name = from.getConfigMapRef().getName();
                    ConfigMap configMap = configMap(name)
                            .orElseThrow(() -> new AssertionError("envFrom names ConfigMap " + name + ", not rendered"));
                    configMap.getData().forEach((key, value) -> env.put(key, EnvSetting.fromConfigMap(name, value)));
                }
                if (from.getSecretRef() != null) {
                    throw new AssertionError("envFrom a whole Secret hides which settings it sets: "
                            + from.getSecretRef().getName());
                }
            }
            for (EnvVar var : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                env.put(var.getName(), EnvSetting.of(var));
            }
        }
        return env;
    }

    /** Where one environment variable's value comes from. */
    record EnvSetting(String value, String configMap, String secret, String secretKey) {

        static EnvSetting fromConfigMap(String configMap, String value) {
            return new EnvSetting(value, configMap, null, null);
        }

        static EnvSetting of(EnvVar var) {
            if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                return new EnvSetting(null, null, var.getValueFrom().getSecretKeyRef().getName(),
                        var.getValueFrom().getSecretKeyRef().getKey());
            }
            return new EnvSetting(var.getValue(), null, null, null);
        }

        boolean fromSecret() {
            return secret != null;
        }
    }
}
