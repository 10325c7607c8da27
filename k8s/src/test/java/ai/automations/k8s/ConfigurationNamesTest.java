package ai.automations.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Every environment variable the chart gives a service sets a configuration property that service reads, under the
 * same name, at run time. What a service reads is learnt from its sources and its extensions' metadata now, not from
 * a list kept here.
 */
class ConfigurationNamesTest {

    private static final Map<String, ServiceConfiguration> CONFIG = new LinkedHashMap<>();
    /** service → environment variable → the renders that set it. */
    private static final Map<String, Map<String, Set<String>>> SET_BY_CHART = new LinkedHashMap<>();

    @BeforeAll
    static void learn() {
        ExtensionCatalog catalog = ExtensionCatalog.fromClasspath();
        for (String service : ServiceSources.serviceNames()) {
            CONFIG.put(service, ServiceConfiguration.of(ServiceSources.of(service), catalog));
        }
        Renders.all().forEach((render, manifests) -> {
            for (Deployment deployment : manifests.deployments()) {
                String service = Manifests.serviceOf(deployment);
                manifests.environment(deployment).keySet().forEach(env -> SET_BY_CHART
                        .computeIfAbsent(service, s -> new LinkedHashMap<>())
                        .computeIfAbsent(env, e -> new LinkedHashSet<>()).add(render));
            }
        });
    }

    @Test
    void theChartConfiguresEveryServiceModule() {
        assertThat(SET_BY_CHART.keySet()).containsExactlyInAnyOrderElementsOf(CONFIG.keySet());
    }

    @Test
    void everyQuarkusExtensionOfTheServicesIsOnThisModulesClasspath() {
        CONFIG.values().forEach(config -> assertThat(config.missingExtensions())
                .as("%s uses Quarkus extensions this module cannot see: add them to k8s/pom.xml", config.service())
                .isEmpty());
    }

    @Test
    void everyEnvironmentVariableSetsAPropertyItsServiceReadsAtRunTime() {
        List<String> problems = new ArrayList<>();
        List<String> pendingUsed = new ArrayList<>();
        List<PendingConfiguration> pending = PendingConfiguration.load();
        SET_BY_CHART.forEach((service, envs) -> envs.forEach((env, renders) -> {
            ServiceConfiguration config = CONFIG.get(service);
            ServiceConfiguration.Resolution resolution = config.resolve(env);
            if (resolution.resolved()) {
                if (resolution.name().fixedAtBuildTime()) {
                    problems.add(service + ": " + env + " sets " + resolution.name().property()
                            + ", which is fixed at build time: setting it in the pod changes nothing");
                }
                return;
            }
            PendingConfiguration entry = pending.stream().filter(p -> p.matches(service, env)).findFirst().orElse(null);
            if (entry == null) {
                problems.add(service + " (" + String.join(", ", renders) + "): " + resolution.problem());
            } else if (!entry.decidedBy().equals(entry.property()) && config.readsUnder(entry.decidedBy())) {
                problems.add(service + ": reads " + entry.decidedBy() + ".* but not " + entry.property()
                        + ", which the chart sets as " + env + ": one of the two names is wrong");
            } else {
                pendingUsed.add(service + " " + entry.property());
            }
        }));
        if (!pendingUsed.isEmpty()) {
            System.out.println("[chart] settings passed before their service reads them (pending-configuration.txt):\n  "
                    + String.join("\n  ", pendingUsed));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPendingEntryIsStillNeeded() {
        List<String> problems = new ArrayList<>();
        for (PendingConfiguration entry : PendingConfiguration.load()) {
            ServiceConfiguration config = CONFIG.get(entry.service());
            if (config == null) {
                problems.add(entry.service() + " is no service module");
                continue;
            }
            if (config.reads(entry.property())) {
                problems.add(entry.service() + " now reads " + entry.property()
                        + ": delete its line from k8s/src/test/resources/pending-configuration.txt");
            }
            boolean set = SET_BY_CHART.getOrDefault(entry.service(), Map.of()).keySet().stream()
                    .anyMatch(env -> entry.matches(entry.service(), env));
            if (!set) {
                problems.add(entry.service() + " " + entry.property() + " is not set by the chart any more");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void secretSettingsComeFromSecretsAndNeverFromValues() {
        Set<String> sensitive = Set.of("TOKEN", "PASSWORD", "KEY", "KEK", "JAAS", "CERTIFICATES", "trusted-services");
        Renders.all().forEach((render, manifests) -> {
            for (Deployment deployment : manifests.deployments()) {
                manifests.environment(deployment).forEach((env, setting) -> {
                    boolean secretLike = sensitive.stream().anyMatch(env::contains) && !env.endsWith("_KEK_ID");
                    if (secretLike) {
                        assertThat(setting.fromSecret())
                                .as("%s: %s of %s must come from a Secret", render, env, Manifests.serviceOf(deployment))
                                .isTrue();
                    }
                });
            }
            assertThat(manifests.all()).as("%s renders no Secret", render)
                    .noneMatch(r -> "Secret".equals(r.getKind()));
        });
    }

    // The checker itself: names it must accept and names it must refuse, so that a broken checker fails here.

    @Test
    void theCheckerAcceptsTheServicesOwnNames() {
        CONFIG.forEach((service, config) -> {
            if (service.equals("console")) {
                assertThat(config.resolve("AUTOMATIONS_CONSOLE_SERVICES_REGISTRY").name().origin())
                        .isEqualTo("@ConfigMapping ConsoleConfig");
                return;
            }
            assertThat(config.resolve("QUARKUS_DATASOURCE_REACTIVE_URL").resolved()).isTrue();
            assertThat(config.resolve("QUARKUS_DATASOURCE_PASSWORD").resolved()).isTrue();
            assertThat(config.resolve("AUTOMATIONS_AUTH_SERVICE_TOKEN").name().origin())
                    .isEqualTo("@ConfigMapping AuthConfig");
            assertThat(config.resolve("automations.auth.trusted-services.action-service").resolved()).isTrue();
            assertThat(config.resolve("KAFKA_SASL_JAAS_CONFIG").name().property()).isEqualTo("kafka.sasl.jaas.config");
        });
        assertThat(CONFIG.get("trigger-service").resolve("QUARKUS_REST_CLIENT_REGISTRY_URL").resolved()).isTrue();
    }

    @Test
    void theCheckerRefusesNamesNoServiceReads() {
        ServiceConfiguration config = CONFIG.get("trigger-service");
        assertThat(config.resolve("QUARKUS_DATASOURCE_REACTIVE_URLS").resolved()).isFalse();
        assertThat(config.resolve("AUTOMATIONS_AUTH_SERVICETOKEN").resolved()).isFalse();
        assertThat(config.resolve("KAFKA_NOT_A_CLIENT_SETTING").resolved()).isFalse();
        assertThat(config.resolve("QUARKUS_VAULT_URL").resolved()).as("trigger-service has no Vault").isFalse();
        assertThat(config.resolve("AUTOMATIONS_AUTH_TRUSTED_SERVICES_ACTION_SERVICE").problem())
                .contains("loses the key's dashes");
        assertThat(config.resolve("QUARKUS_DATASOURCE_DB_KIND").name().fixedAtBuildTime()).isTrue();
    }

    @Test
    void kebabCaseFollowsSmallRye() {
        assertThat(ServiceConfiguration.kebab("serviceToken")).isEqualTo("service-token");
        assertThat(ServiceConfiguration.kebab("maxInFlight")).isEqualTo("max-in-flight");
        assertThat(ServiceConfiguration.kebab("kekId")).isEqualTo("kek-id");
        assertThat(ServiceConfiguration.kebab("httpURLTimeout")).isEqualTo("http-url-timeout");
    }
}
