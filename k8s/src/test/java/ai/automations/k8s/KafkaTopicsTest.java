package ai.automations.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/** The Strimzi KafkaTopic resources are the topics the services use, configured as the contract needs. */
class KafkaTopicsTest {

    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");

    @Test
    void everyTopicTheCodeUsesHasAKafkaTopic() {
        assertThat(chartTopics(Renders.defaults()).keySet()).containsAll(topicsInCode());
    }

    @Test
    void everyKafkaTopicIsUsedByTheCodeOrDocumentedAsInternal() {
        Set<String> known = new LinkedHashSet<>(topicsInCode());
        known.addAll(documentedInternalTopics());
        assertThat(chartTopics(Renders.defaults()).keySet()).isSubsetOf(known);
    }

    @Test
    void definitionsAreCompactedAndEveryOtherTopicIsRetainedForAWhile() {
        Renders.all().forEach((render, manifests) -> chartTopics(manifests).forEach((topic, resource) -> {
            Map<String, Object> config = config(resource);
            if (topic.equals("automation.definitions")) {
                assertThat(config).as(render + ": " + topic).containsEntry("cleanup.policy", "compact");
                assertThat(config).as(render + ": " + topic).doesNotContainKey("retention.ms");
                assertThat(((Number) config.get("delete.retention.ms")).longValue()).isPositive();
            } else {
                assertThat(config).as(render + ": " + topic).containsEntry("cleanup.policy", "delete");
                assertThat(((Number) config.get("retention.ms")).longValue()).as(render + ": " + topic).isPositive();
            }
            assertThat(((Number) resource.get("spec", "partitions")).intValue()).as(topic).isPositive();
            assertThat(((Number) resource.get("spec", "replicas")).intValue()).as(topic).isGreaterThanOrEqualTo(1);
            assertThat(resource.getMetadata().getLabels()).containsKey("strimzi.io/cluster");
            assertThat(resource.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        }));
    }

    @Test
    void autoscalersNeverAddMoreConsumersThanTheirTopicsHavePartitions() {
        Renders.all().forEach((render, manifests) -> {
            Map<String, GenericKubernetesResource> topics = chartTopics(manifests);
            Map<String, List<String>> consumed = Map.of(
                    "trigger-service", List.of("automation.events", "automation.run-metrics"),
                    "action-service", List.of("automation.actions"));
            for (HorizontalPodAutoscaler hpa : manifests.of(HorizontalPodAutoscaler.class)) {
                for (String topic : consumed.get(Manifests.serviceOf(hpa))) {
                    int partitions = ((Number) topics.get(topic).get("spec", "partitions")).intValue();
                    assertThat(hpa.getSpec().getMaxReplicas()).as(render + ": " + Manifests.serviceOf(hpa) + " on " + topic)
                            .isLessThanOrEqualTo(partitions);
                }
            }
        });
    }

    @Test
    void theChartRefusesAnAutoscalerBeyondThePartitions() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Chart.render(Chart.sets(
                "services.action.autoscaling.maxReplicas", "13")))
                .hasMessageContaining("services.action.autoscaling.maxReplicas (13) exceeds the partitions of automation.actions (12)");
    }

    @Test
    void topicsCanBeLeftToAnotherKafka() {
        assertThat(Chart.render(Chart.sets("kafka.topics.create", "false")).ofKind("KafkaTopic")).isEmpty();
    }

    /** Topic name → KafkaTopic resource (spec.topicName, else metadata.name). */
    static Map<String, GenericKubernetesResource> chartTopics(Manifests manifests) {
        Map<String, GenericKubernetesResource> topics = new LinkedHashMap<>();
        for (GenericKubernetesResource topic : manifests.ofKind("KafkaTopic")) {
            String name = topic.get("spec", "topicName");
            topics.put(name == null ? topic.getMetadata().getName() : name, topic);
        }
        return topics;
    }

    /**
     * The topics the services use: common's {@code Topics} constants, the {@code topic} of every Kafka channel
     * in the services' application.properties (as production sees them), and channels without such a setting, which
     * the Kafka connector maps to the topic of the channel's name.
     */
    static Set<String> topicsInCode() {
        Set<String> topics = new LinkedHashSet<>(ServiceSources.stringConstants(ServiceSources.common(), "Topics").values());
        assertThat(topics).as("common's Topics constants").isNotEmpty();
        for (String service : ServiceSources.serviceNames()) {
            ServiceSources sources = ServiceSources.of(service);
            Map<String, Map<String, String>> channels = new LinkedHashMap<>();
            for (ServiceSources.PropertyKey key : sources.applicationProperties()) {
                Matcher matcher = CHANNEL.matcher(key.name());
                if (key.activeInProduction() && matcher.matches()) {
                    channels.computeIfAbsent(matcher.group(2), c -> new LinkedHashMap<>()).put(matcher.group(3), key.value());
                }
            }
            channels.forEach((channel, settings) -> {
                if (!"smallrye-kafka".equals(settings.getOrDefault("connector", "smallrye-kafka"))) {
                    return;
                }
                topics.add(settings.getOrDefault("topic", channel));
            });
            Set<String> incoming = sources.annotationValues("Incoming");
            Set<String> outgoing = sources.annotationValues("Outgoing", "Channel");
            for (String channel : union(incoming, outgoing)) {
                boolean internal = incoming.contains(channel) && outgoing.contains(channel);
                if (!internal && !channels.containsKey(channel)) {
                    topics.add(channel);
                }
            }
        }
        return topics;
    }

    /** Topics named in docs/internal-api.md's Kafka table. */
    static Set<String> documentedInternalTopics() {
        try {
            String doc = Files.readString(Chart.root().resolve("docs/internal-api.md"));
            int section = doc.indexOf("## Kafka");
            int end = doc.indexOf("\n## ", section + 1);
            Matcher matcher = Pattern.compile("`(automation\\.[a-z.-]+)`")
                    .matcher(doc.substring(section, end < 0 ? doc.length() : end));
            Set<String> topics = new LinkedHashSet<>();
            while (matcher.find()) {
                topics.add(matcher.group(1));
            }
            return topics;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(GenericKubernetesResource topic) {
        return (Map<String, Object>) topic.get("spec", "config");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
