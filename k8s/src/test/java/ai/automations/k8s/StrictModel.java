package ai.automations.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * Reads rendered manifests the way an API server with strict field validation does: each document into the model class
 * of its apiVersion and kind, and any field that class does not declare is an error naming it.
 * <p>
 * fabric8's and Strimzi's model classes keep unknown fields in an {@code additionalProperties} map (their JSON schema
 * allows none: they are declared only so a client can round-trip newer servers' objects). This mapper removes that
 * catch-all, so {@link DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES} applies at every level of every object.
 */
final class StrictModel {

    /**
     * The API versions the chart may use, each served by every Kubernetes the chart's kubeVersion admits (1.25 and
     * later: apps/v1, policy/v1 since 1.21, autoscaling/v2 since 1.23, networking.k8s.io/v1 since 1.19), and the
     * custom resources it creates.
     */
    static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class));

    private static final Set<String> CATCH_ALL_OWNERS = Set.of("io.fabric8.", "io.strimzi.");

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("no-additional-properties").setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                        BeanDeserializerBuilder builder) {
                    if (CATCH_ALL_OWNERS.stream().anyMatch(bean.getBeanClass().getName()::startsWith)) {
                        builder.setAnySetter(null);
                    }
                    return builder;
                }
            }))
            .build();

    private StrictModel() {
    }

    /** One problem per document that is of an unknown API version and kind or has a field its model lacks. */
    static List<String> problems(String yaml) {
        List<String> problems = new ArrayList<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(yaml);
                MappingIterator<JsonNode> documents = MAPPER.readValues(parser, JsonNode.class)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                String name = type + " " + document.path("metadata").path("name").asText();
                Class<?> model = TYPES.get(type);
                if (model == null) {
                    problems.add(name + ": not an API version and kind the chart may use");
                    continue;
                }
                try {
                    MAPPER.treeToValue(document, model);
                } catch (IOException e) {
                    problems.add(name + ": " + firstLine(e instanceof JsonMappingException m ? m.getOriginalMessage() : String.valueOf(e.getMessage())) + " at " + path(e));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rendered YAML that does not parse", e);
        }
        return problems;
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** Where in the document the problem is, e.g. {@code spec.template.spec.containers[0].imagePullPolicyy}. */
    private static String path(IOException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "?";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
