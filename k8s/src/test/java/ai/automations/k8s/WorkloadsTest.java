package ai.automations.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Deployments, Services, ServiceAccounts, PodDisruptionBudgets and autoscalers, in every rendered variant. */
class WorkloadsTest {

    private static final List<String> SERVICES = ServiceSources.serviceNames();

    @Test
    void everyServiceModuleHasOneDeployment() {
        Renders.all().forEach((render, manifests) -> assertThat(manifests.deployments())
                .as(render).extracting(Manifests::serviceOf).containsExactlyInAnyOrderElementsOf(SERVICES));
    }

    @Test
    void everyDeploymentProbesQuarkusHealthOnItsHttpPort() {
        Renders.all().forEach((render, manifests) -> manifests.deployments().forEach(deployment -> {
            Container container = onlyContainer(deployment);
            String what = render + ": " + deployment.getMetadata().getName();
            assertProbe(what + " startup", container.getStartupProbe(), "/q/health/started", container);
            assertProbe(what + " liveness", container.getLivenessProbe(), "/q/health/live", container);
            assertProbe(what + " readiness", container.getReadinessProbe(), "/q/health/ready", container);
        }));
    }

    @Test
    void everyDeploymentHasCpuAndMemoryRequestsAndLimits() {
        Renders.all().forEach((render, manifests) -> manifests.deployments().forEach(deployment -> {
            var resources = onlyContainer(deployment).getResources();
            String what = render + ": " + deployment.getMetadata().getName();
            assertThat(resources.getRequests()).as(what + " requests").containsKeys("cpu", "memory");
            assertThat(resources.getLimits()).as(what + " limits").containsKeys("cpu", "memory");
        }));
    }

    @Test
    void everyPodRunsAsNonRootWithAReadOnlyRootFilesystemAndAWritableTmp() {
        Renders.all().forEach((render, manifests) -> manifests.deployments().forEach(deployment -> {
            String what = render + ": " + deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            SecurityContext security = onlyContainer(deployment).getSecurityContext();
            assertThat(podSecurity.getRunAsNonRoot()).as(what + " runAsNonRoot").isTrue();
            assertThat(podSecurity.getRunAsUser()).as(what + " runAsUser").isNotNull().isPositive();
            assertThat(podSecurity.getSeccompProfile().getType()).as(what).isEqualTo("RuntimeDefault");
            assertThat(security.getReadOnlyRootFilesystem()).as(what + " readOnlyRootFilesystem").isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(what + " allowPrivilegeEscalation").isFalse();
            assertThat(security.getPrivileged()).as(what + " privileged").isNotEqualTo(Boolean.TRUE);
            assertThat(security.getCapabilities().getDrop()).as(what + " capabilities").contains("ALL");
            assertThat(security.getCapabilities().getAdd()).as(what + " added capabilities").isNullOrEmpty();

            String tmpVolume = onlyContainer(deployment).getVolumeMounts().stream()
                    .filter(m -> "/tmp".equals(m.getMountPath()) && !Boolean.TRUE.equals(m.getReadOnly()))
                    .findFirst().orElseThrow(() -> new AssertionError(what + " mounts nothing writable at /tmp"))
                    .getName();
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst().orElseThrow();
            assertThat(volume.getEmptyDir()).as(what + " /tmp is an emptyDir").isNotNull();
        }));
    }

    @Test
    void theImageFlavorPicksImageUserAndResources() {
        Deployment nativeDeployment = Renders.defaults().deployment("registry-service");
        Deployment jvmDeployment = Renders.all().get("jvm images").deployment("registry-service");
        assertThat(onlyContainer(nativeDeployment).getImage()).endsWith("/registry-service:0.1.0-native");
        assertThat(onlyContainer(jvmDeployment).getImage()).endsWith("/registry-service:0.1.0-jvm");
        assertThat(nativeDeployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1001L);
        assertThat(jvmDeployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()).isEqualTo(185L);
        assertThat(onlyContainer(jvmDeployment).getResources().getLimits().get("memory").toString())
                .isNotEqualTo(onlyContainer(nativeDeployment).getResources().getLimits().get("memory").toString());
    }

    @Test
    void everyServiceSelectsThePodsOfADeploymentAndTargetsANamedContainerPort() {
        Renders.all().forEach((render, manifests) -> {
            List<Service> services = manifests.of(Service.class);
            assertThat(services).as(render).extracting(Manifests::serviceOf).containsExactlyInAnyOrderElementsOf(SERVICES);
            for (Service service : services) {
                Map<String, String> selector = service.getSpec().getSelector();
                assertThat(selector).as(render + ": " + service.getMetadata().getName() + " selector").isNotEmpty();
                List<Deployment> selected = manifests.deployments().stream()
                        .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                                .containsAll(selector.entrySet()))
                        .toList();
                assertThat(selected).as(render + ": pods selected by Service " + service.getMetadata().getName())
                        .hasSize(1);
                Container container = onlyContainer(selected.get(0));
                service.getSpec().getPorts().forEach(port -> {
                    String target = port.getTargetPort().getStrVal();
                    assertThat(container.getPorts()).as(render + ": " + service.getMetadata().getName())
                            .extracting(ContainerPort::getName).contains(target);
                });
            }
        });
    }

    @Test
    void deploymentSelectorsMatchTheirOwnPodsOnly() {
        Renders.all().forEach((render, manifests) -> manifests.deployments().forEach(deployment -> {
            Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
            long matching = manifests.deployments().stream()
                    .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .count();
            assertThat(matching).as(render + ": " + deployment.getMetadata().getName()).isEqualTo(1);
        }));
    }

    @Test
    void everyPodUsesItsOwnServiceAccountAndOnlyVaultLoginMountsItsToken() {
        Renders.all().forEach((render, manifests) -> manifests.deployments().forEach(deployment -> {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(manifests.of(ServiceAccount.class)).as(render)
                    .extracting(a -> a.getMetadata().getName()).contains(pod.getServiceAccountName());
            boolean vaultLogin = Manifests.serviceOf(deployment).equals("secrets-service")
                    && manifests.environment(deployment).containsKey("QUARKUS_VAULT_AUTHENTICATION_KUBERNETES_ROLE");
            assertThat(pod.getAutomountServiceAccountToken()).as(render + ": " + deployment.getMetadata().getName())
                    .isEqualTo(vaultLogin);
        }));
        assertThat(Renders.defaults().deployment("secrets-service").getSpec().getTemplate().getSpec()
                .getAutomountServiceAccountToken()).as("Vault Kubernetes auth is the default").isTrue();
    }

    @Test
    void everyDeploymentHasADisruptionBudgetSelectingItsPods() {
        Renders.all().forEach((render, manifests) -> manifests.deployments().forEach(deployment -> {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(manifests.of(PodDisruptionBudget.class)).as(render + ": " + deployment.getMetadata().getName())
                    .anyMatch(pdb -> labels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
        }));
    }

    @Test
    void triggerAndActionServiceScaleHorizontallyAndTheirDeploymentsLeaveReplicasToTheAutoscaler() {
        Renders.all().forEach((render, manifests) -> {
            List<HorizontalPodAutoscaler> autoscalers = manifests.of(HorizontalPodAutoscaler.class);
            assertThat(autoscalers).as(render).extracting(Manifests::serviceOf)
                    .containsExactlyInAnyOrder("trigger-service", "action-service");
            for (HorizontalPodAutoscaler hpa : autoscalers) {
                Deployment target = manifests.deployments().stream()
                        .filter(d -> d.getMetadata().getName().equals(hpa.getSpec().getScaleTargetRef().getName()))
                        .findFirst().orElseThrow(() -> new AssertionError(render + ": HPA targets no Deployment"));
                assertThat(target.getSpec().getReplicas()).as(render + ": replicas of an autoscaled Deployment").isNull();
                assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
            }
        });
    }

    @Test
    void podsCarryPrometheusAnnotationsOrAServiceMonitorScrapesThem() {
        Deployment annotated = Renders.defaults().deployment("action-service");
        Map<String, String> annotations = annotated.getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/q/metrics")
                .containsEntry("prometheus.io/port", String.valueOf(onlyContainer(annotated).getPorts().get(0).getContainerPort()));
        assertThat(Renders.defaults().ofKind("ServiceMonitor")).isEmpty();

        var monitors = Renders.production().ofKind("ServiceMonitor");
        assertThat(monitors).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint = ((List<Map<String, Object>>) monitors.get(0).get("spec", "endpoints")).get(0);
        assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/q/metrics");
        @SuppressWarnings("unchecked")
        Map<String, String> selector = (Map<String, String>) monitors.get(0).get("spec", "selector", "matchLabels");
        assertThat(Renders.production().of(Service.class))
                .allMatch(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()));
    }

    private static void assertProbe(String what, Probe probe, String path, Container container) {
        assertThat(probe).as(what).isNotNull();
        assertThat(probe.getHttpGet()).as(what + " httpGet").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what + " path").isEqualTo(path);
        String port = Optional.ofNullable(probe.getHttpGet().getPort().getStrVal())
                .orElse(String.valueOf(probe.getHttpGet().getPort().getIntVal()));
        assertThat(container.getPorts()).as(what + " port").anyMatch(p -> port.equals(p.getName())
                || port.equals(String.valueOf(p.getContainerPort())));
    }

    static Container onlyContainer(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as(deployment.getMetadata().getName()).hasSize(1);
        return containers.get(0);
    }
}
