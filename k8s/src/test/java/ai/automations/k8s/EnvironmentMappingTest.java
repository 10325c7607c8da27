package ai.automations.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The naming rules the chart relies on, checked with SmallRye Config itself (the library Quarkus reads configuration
 * with): upper-case variables set scalar properties, but a map entry keyed by a service name needs the exact
 * property name as the variable's name.
 */
class EnvironmentMappingTest {

    /** Shaped like common's AuthConfig. */
    @ConfigMapping(prefix = "automations.auth")
    interface Auth {
        String serviceToken();

        Map<String, String> trustedServices();
    }

    @Test
    void theChartsVariableNamesReachTheMapping() {
        Auth auth = config(Map.of(
                "AUTOMATIONS_AUTH_SERVICE_TOKEN", "own-token",
                "automations.auth.trusted-services.action-service", "action-token",
                "automations.auth.trusted-services.registry-service", "registry-token"));
        assertThat(auth.serviceToken()).isEqualTo("own-token");
        assertThat(auth.trustedServices())
                .containsExactlyInAnyOrderEntriesOf(Map.of("action-service", "action-token", "registry-service", "registry-token"));
    }

    @Test
    void anUpperCaseVariableLosesTheMapKeysDash() {
        Auth auth = config(Map.of(
                "AUTOMATIONS_AUTH_SERVICE_TOKEN", "own-token",
                "AUTOMATIONS_AUTH_TRUSTED_SERVICES_ACTION_SERVICE", "action-token"));
        assertThat(auth.trustedServices()).doesNotContainKey("action-service");
    }

    private static Auth config(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(Auth.class)
                .build();
        return config.getConfigMapping(Auth.class);
    }
}
