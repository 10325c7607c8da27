package ai.automations.action.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The "View executions" link opens the console's page when there is a console, action-service's API otherwise. */
class ExecutionLinksTest {

    private static LinksConfig config(String publicUrl, String consoleUrl) {
        return new LinksConfig() {
            @Override
            public String publicUrl() {
                return publicUrl;
            }

            @Override
            public Optional<String> consoleUrl() {
                return Optional.ofNullable(consoleUrl);
            }
        };
    }

    @Test
    void withAConsoleTheLinkOpensItsExecutionsPageFilteredToTheAutomation() {
        LinksConfig config = config("http://127.0.0.1:8083", "https://console.example.test/");
        assertThat(ExecutionLinks.executions(config, "acme corp", "a1b2"))
                .isEqualTo("https://console.example.test/entities/acme%20corp/executions?automation=a1b2");
        assertThat(ExecutionLinks.executions(config, "acme", null)).isEqualTo("https://console.example.test");
    }

    @Test
    void withoutAConsoleTheLinkIsActionServicesExecutionsOfTheAutomation() {
        for (String none : new String[] { null, "", "  " }) {
            LinksConfig config = config("http://127.0.0.1:8083/", none);
            assertThat(ExecutionLinks.executions(config, "acme", "a1b2"))
                    .isEqualTo("http://127.0.0.1:8083/api/v1/entities/acme/automations/a1b2/executions");
            assertThat(ExecutionLinks.executions(config, "acme", null)).isEqualTo("http://127.0.0.1:8083");
        }
    }
}
