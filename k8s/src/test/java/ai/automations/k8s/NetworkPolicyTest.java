package ai.automations.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.automations.k8s.NetworkPolicies.Endpoint;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Who may talk to whom, decided from the rendered NetworkPolicies. */
class NetworkPolicyTest {

    private static final String INTERNET = "203.0.113.10";
    private static final String CLUSTER_ADDRESS = "10.96.0.20";
    private static final Endpoint OTHER_NAMESPACE_POD = Endpoint.pod("default", Map.of("app", "curious"));
    private static final Endpoint INGRESS_CONTROLLER = Endpoint.pod("ingress-nginx",
            Map.of("app.kubernetes.io/name", "ingress-nginx"));
    private static final Endpoint PROMETHEUS = Endpoint.pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
    private static final Endpoint KUBE_DNS = Endpoint.pod("kube-system", Map.of("k8s-app", "kube-dns"));

    @Test
    void everyPodIsSelectedByAPolicyForBothDirections() {
        Renders.all().forEach((render, manifests) -> {
            NetworkPolicies policies = new NetworkPolicies(manifests, Chart.NAMESPACE);
            for (Deployment deployment : manifests.deployments()) {
                Endpoint pod = NetworkPolicies.podOf(deployment);
                assertThat(policies.ingressAllowed(OTHER_NAMESPACE_POD, pod, port(deployment), "http"))
                        .as(render + ": a pod of another namespace reaches " + name(deployment)).isFalse();
                assertThat(policies.egressAllowed(pod, OTHER_NAMESPACE_POD, 8080, "http"))
                        .as(render + ": " + name(deployment) + " reaches a pod of another namespace").isFalse();
            }
        });
    }

    @Test
    void secretsServiceIsReachableOnlyFromActionAndRegistryServiceAndTheFrontDoor() {
        Renders.all().forEach((render, manifests) -> {
            NetworkPolicies policies = new NetworkPolicies(manifests, Chart.NAMESPACE);
            Deployment secrets = manifests.deployment("secrets-service");
            for (Deployment caller : manifests.deployments()) {
                if (caller == secrets) {
                    continue;
                }
                boolean expected = List.of("action-service", "registry-service", "console").contains(Manifests.serviceOf(caller));
                assertThat(policies.allows(NetworkPolicies.podOf(caller), NetworkPolicies.podOf(secrets), port(secrets), "http"))
                        .as(render + ": " + name(caller) + " → secrets-service").isEqualTo(expected);
            }
        });
    }

    @Test
    void theInternalCallsOfTheSuiteGetThrough() {
        Map<String, List<String>> calls = Map.of(
                "trigger-service", List.of("registry-service"),
                "action-service", List.of("registry-service", "secrets-service"),
                "secrets-service", List.of("registry-service"),
                "registry-service", List.of("secrets-service"));
        Renders.all().forEach((render, manifests) -> {
            NetworkPolicies policies = new NetworkPolicies(manifests, Chart.NAMESPACE);
            calls.forEach((caller, callees) -> callees.forEach(callee -> {
                Deployment target = manifests.deployment(callee);
                assertThat(policies.allows(NetworkPolicies.podOf(manifests.deployment(caller)),
                        NetworkPolicies.podOf(target), port(target), "http"))
                        .as(render + ": " + caller + " → " + callee).isTrue();
            }));
            Deployment trigger = manifests.deployment("trigger-service");
            assertThat(policies.allows(NetworkPolicies.podOf(manifests.deployment("registry-service")),
                    NetworkPolicies.podOf(trigger), port(trigger), "http"))
                    .as(render + ": nothing calls trigger-service internally").isFalse();
        });
    }

    @Test
    void onlyActionServiceReachesBeyondTheCluster() {
        Renders.all().forEach((render, manifests) -> {
            NetworkPolicies policies = new NetworkPolicies(manifests, Chart.NAMESPACE);
            for (Deployment deployment : manifests.deployments()) {
                boolean action = Manifests.serviceOf(deployment).equals("action-service");
                Endpoint pod = NetworkPolicies.podOf(deployment);
                assertThat(policies.egressAllowed(pod, Endpoint.external(INTERNET), 443, null))
                        .as(render + ": " + name(deployment) + " → internet:443").isEqualTo(action);
                assertThat(policies.egressAllowed(pod, Endpoint.external(INTERNET), 8443, null))
                        .as(render + ": " + name(deployment) + " → internet:8443").isEqualTo(action);
                assertThat(policies.egressAllowed(pod, Endpoint.external(CLUSTER_ADDRESS), 80, null))
                        .as(render + ": " + name(deployment) + " → private address:80").isFalse();
                assertThat(policies.egressAllowed(pod, Endpoint.external("169.254.169.254"), 80, null))
                        .as(render + ": " + name(deployment) + " → cloud metadata").isFalse();
            }
        });
    }

    @Test
    void everyServiceReachesDnsKafkaAndPostgresqlAndOnlySecretsServiceReachesVaultAndTheConsoleOnlyDns() {
        Manifests manifests = Renders.defaults();
        NetworkPolicies policies = new NetworkPolicies(manifests, Chart.NAMESPACE);
        for (Deployment deployment : manifests.deployments()) {
            Endpoint pod = NetworkPolicies.podOf(deployment);
            boolean service = !Manifests.serviceOf(deployment).equals("console");
            assertThat(policies.egressAllowed(pod, KUBE_DNS, 53, null)).as(name(deployment) + " → DNS").isTrue();
            assertThat(policies.egressAllowed(pod, Endpoint.external(CLUSTER_ADDRESS), 9092, null))
                    .as(name(deployment) + " → Kafka").isEqualTo(service);
            assertThat(policies.egressAllowed(pod, Endpoint.external(CLUSTER_ADDRESS), 5432, null))
                    .as(name(deployment) + " → PostgreSQL").isEqualTo(service);
            assertThat(policies.egressAllowed(pod, Endpoint.external(CLUSTER_ADDRESS), 8200, null))
                    .as(name(deployment) + " → Vault").isEqualTo(Manifests.serviceOf(deployment).equals("secrets-service"));
        }
    }

    @Test
    void theFrontDoorReachesTheHttpPortOfEveryServiceAndNothingBeyondTheCluster() {
        Renders.all().forEach((render, manifests) -> {
            NetworkPolicies policies = new NetworkPolicies(manifests, Chart.NAMESPACE);
            Endpoint console = NetworkPolicies.podOf(manifests.deployment("console"));
            for (Deployment target : manifests.deployments()) {
                if (!Manifests.serviceOf(target).equals("console")) {
                    assertThat(policies.allows(console, NetworkPolicies.podOf(target), port(target), "http"))
                            .as(render + ": console → " + name(target)).isTrue();
                }
            }
            assertThat(policies.egressAllowed(console, Endpoint.external(INTERNET), 443, null)).as(render).isFalse();
        });
    }

    @Test
    void productionValuesNarrowKafkaPostgresqlAndVaultToTheirPeers() {
        Manifests manifests = Renders.production();
        NetworkPolicies policies = new NetworkPolicies(manifests, Chart.NAMESPACE);
        Endpoint broker = Endpoint.pod("kafka", Map.of("strimzi.io/cluster", "automations", "strimzi.io/kind", "Kafka"));
        Endpoint vault = Endpoint.pod("vault", Map.of("app.kubernetes.io/name", "vault"));
        Endpoint secrets = NetworkPolicies.podOf(manifests.deployment("secrets-service"));
        Endpoint trigger = NetworkPolicies.podOf(manifests.deployment("trigger-service"));
        assertThat(policies.egressAllowed(trigger, broker, 9093, null)).isTrue();
        assertThat(policies.egressAllowed(trigger, Endpoint.external(INTERNET), 9093, null)).isFalse();
        assertThat(policies.egressAllowed(trigger, Endpoint.external("10.20.30.40"), 5432, null)).isTrue();
        assertThat(policies.egressAllowed(trigger, Endpoint.external("10.99.0.1"), 5432, null)).isFalse();
        assertThat(policies.egressAllowed(secrets, vault, 8200, null)).isTrue();
        assertThat(policies.egressAllowed(trigger, vault, 8200, null)).isFalse();
    }

    @Test
    void theIngressControllerAndPrometheusReachEveryServicesHttpPortOnly() {
        Manifests manifests = Renders.defaults();
        NetworkPolicies policies = new NetworkPolicies(manifests, Chart.NAMESPACE);
        for (Deployment deployment : manifests.deployments()) {
            Endpoint pod = NetworkPolicies.podOf(deployment);
            assertThat(policies.ingressAllowed(INGRESS_CONTROLLER, pod, port(deployment), "http")).isTrue();
            assertThat(policies.ingressAllowed(PROMETHEUS, pod, port(deployment), "http")).isTrue();
            assertThat(policies.ingressAllowed(INGRESS_CONTROLLER, pod, 5005, "debug")).isFalse();
        }
    }

    @Test
    void theEvaluatorKnowsCidrs() {
        assertThat(NetworkPolicies.inCidr("10.0.0.0/8", "10.96.0.20")).isTrue();
        assertThat(NetworkPolicies.inCidr("172.16.0.0/12", "172.32.0.1")).isFalse();
        assertThat(NetworkPolicies.inCidr("0.0.0.0/0", INTERNET)).isTrue();
    }

    private static int port(Deployment deployment) {
        return WorkloadsTest.onlyContainer(deployment).getPorts().get(0).getContainerPort();
    }

    private static String name(Deployment deployment) {
        return Manifests.serviceOf(deployment);
    }
}
