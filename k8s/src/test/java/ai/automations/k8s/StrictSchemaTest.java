package ai.automations.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Every manifest the chart renders is read strictly into the model of its API version and kind: an unknown or
 * misplaced field, or an API version a Kubernetes of the chart's kubeVersion does not serve, fails here instead of in a
 * user's {@code helm install}.
 */
class StrictSchemaTest {

    @Test
    void everyRenderedManifestHasOnlyFieldsItsModelDeclares() {
        Map<String, Manifests> renders = new LinkedHashMap<>(Renders.all());
        renders.put("ServiceMonitor and TLS ingress", Chart.render(Chart.sets(
                "metrics.serviceMonitor.enabled", "true",
                "ingress.host", "automations.example.com",
                "ingress.tls.enabled", "true",
                "ingress.tls.secretName", "automations-tls")));
        renders.put("Grafana dashboard and PrometheusRule", Chart.render(Chart.sets(
                "metrics.grafanaDashboard.enabled", "true",
                "metrics.prometheusRules.enabled", "true")));
        renders.put("Strimzi v1beta2", Chart.render(Chart.sets("kafka.topics.apiVersion", "kafka.strimzi.io/v1beta2")));
        renders.forEach((render, manifests) ->
                assertThat(StrictModel.problems(manifests.yaml())).as(render).isEmpty());
    }

    @Test
    void kafkaTopicsAreStrimziV1ByDefaultAndV1beta2WhenChosen() {
        assertThat(Renders.defaults().ofKind("KafkaTopic")).isNotEmpty()
                .allSatisfy(topic -> assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1"));
        assertThat(Chart.render(Chart.sets("kafka.topics.apiVersion", "kafka.strimzi.io/v1beta2")).ofKind("KafkaTopic"))
                .isNotEmpty()
                .allSatisfy(topic -> assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2"));
    }

    @Test
    void aV1KafkaTopicIsAcceptedAndAMisspelledFieldInItIsNot() {
        String topic = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata:
                  name: automations-automation-events
                  labels:
                    strimzi.io/cluster: automations
                spec:
                  topicName: automation.events
                  partitions: 12
                  replicas: 3
                  config:
                    retention.ms: 604800000
                """;
        assertThat(StrictModel.problems(topic)).isEmpty();
        assertThat(StrictModel.problems(topic.replace("  partitions: 12", "  partitons: 12")))
                .singleElement().asString()
                .contains("KafkaTopic automations-automation-events", "partitons", "at spec.partitons");
    }

    @Test
    void anUnknownFieldDeepInADeploymentIsRejectedWithItsPath() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: d
                spec:
                  selector:
                    matchLabels: {app: d}
                  template:
                    metadata:
                      labels: {app: d}
                    spec:
                      containers:
                        - name: c
                          image: i
                          securityContext:
                            readOnlyRootFilesystem: true
                """;
        assertThat(StrictModel.problems(deployment)).isEmpty();
        assertThat(StrictModel.problems(deployment.replace("readOnlyRootFilesystem", "readOnlyRootFileSystem")))
                .singleElement().asString()
                .contains("readOnlyRootFileSystem", "at spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem");
        assertThat(StrictModel.problems(deployment.replace("\n  selector:", "\n  replica: 2\n  selector:")))
                .singleElement().asString().contains("at spec.replica");
    }

    @Test
    void anApiVersionOlderClustersDoNotServeIsRejected() {
        assertThat(StrictModel.problems("""
                apiVersion: autoscaling/v2beta2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: h
                """)).singleElement().asString().contains("not an API version and kind the chart may use");
    }
}
