package ai.automations.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.automations.k8s.Manifests.EnvSetting;

/**
 * Links in Slack notifications open pages a person can reach: action-service is told the console's address (the
 * Ingress host, which serves the console beside the API, or {@code consoleUrl}) and the API's.
 */
class NotificationLinksTest {

    private static Map<String, EnvSetting> actionEnvironment(Map<String, String> set) {
        Manifests manifests = Chart.render(set);
        return manifests.environment(manifests.deployment("action-service"));
    }

    @Test
    void theIngressHostIsTheConsolesAndTheApisAddress() {
        Map<String, EnvSetting> env = actionEnvironment(Chart.sets("ingress.host", "automations.example.com"));
        assertThat(env.get("AUTOMATIONS_CONSOLE_URL").value()).isEqualTo("http://automations.example.com");
        assertThat(env.get("AUTOMATIONS_PUBLIC_URL").value()).isEqualTo("http://automations.example.com");
    }

    @Test
    void aConsoleServedElsewhereIsNamedByConsoleUrl() {
        Map<String, EnvSetting> env = actionEnvironment(Chart.sets("publicUrl", "https://api.example.com",
                "consoleUrl", "https://console.example.com"));
        assertThat(env.get("AUTOMATIONS_CONSOLE_URL").value()).isEqualTo("https://console.example.com");
        assertThat(env.get("AUTOMATIONS_PUBLIC_URL").value()).isEqualTo("https://api.example.com");
    }

    @Test
    void triggerServiceIsToldTheConsolesAddressForDryRunLinks() {
        Manifests manifests = Chart.render(Chart.sets("consoleUrl", "https://console.example.com"));
        Map<String, EnvSetting> env = manifests.environment(manifests.deployment("trigger-service"));
        assertThat(env.get("AUTOMATIONS_CONSOLE_URL").value()).isEqualTo("https://console.example.com");
    }

    @Test
    void withoutAnyAddressNeitherIsSetAndTheServiceDefaultApplies() {
        Map<String, EnvSetting> env = actionEnvironment(Map.of());
        assertThat(env).doesNotContainKeys("AUTOMATIONS_CONSOLE_URL", "AUTOMATIONS_PUBLIC_URL");
    }
}
