package ai.automations.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


/**
 * The chart's observability switches: JSON console logs by default (plain text when {@code logging.json} is false),
 * and the OTLP export settings on the four services and the console (its front door's spans) only when
 * {@code tracing.enabled} is set.
 */
class TracingAndLoggingTest {

    private static final List<String> SERVICES = List.of("registry-service", "trigger-service", "action-service",
            "secrets-service", "console");

    @Test
    void everyWorkloadLogsJsonByDefaultAndNothingIsTraced() {
        Manifests manifests = Renders.defaults();
        assertThat(manifests.deployments()).isNotEmpty().allSatisfy(deployment -> {
            Map<String, Manifests.EnvSetting> env = manifests.environment(deployment);
            assertThat(env.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED")).as(Manifests.serviceOf(deployment))
                    .extracting(Manifests.EnvSetting::value).isEqualTo("true");
            assertThat(env).doesNotContainKeys("AUTOMATIONS_TRACING_ENABLED", "AUTOMATIONS_TRACING_ENDPOINT");
        });
    }

    @Test
    void tracingValuesReachTheFourServicesAndPlainLogsCanBeChosen() {
        Manifests manifests = Renders.all().get("tracing on, plain-text logs");
        for (String service : SERVICES) {
            Map<String, Manifests.EnvSetting> env = manifests.environment(manifests.deployment(service));
            assertThat(env.get("AUTOMATIONS_TRACING_ENABLED").value()).isEqualTo("true");
            assertThat(env.get("AUTOMATIONS_TRACING_ENDPOINT").value())
                    .isEqualTo("http://otel-collector.observability:4318");
            assertThat(env.get("AUTOMATIONS_TRACING_SAMPLER").value()).isEqualTo("0.25");
            assertThat(env.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED").value()).isEqualTo("false");
        }
    }

    @Test
    void tracingWithoutAnEndpointIsRefused() {
        assertThatThrownBy(() -> Chart.render(Chart.sets("tracing.enabled", "true")))
                .hasMessageContaining("tracing.endpoint is required");
    }

    @Test
    void aSamplerOutsideZeroToOneIsRefusedByTheSchema() {
        assertThatThrownBy(() -> Chart.render(Map.of(), Renders.valuesFile("tracing:\n  sampler: 1.5\n")))
                .hasMessageContaining("/tracing/sampler").hasMessageNotContaining("want number");
    }
}
