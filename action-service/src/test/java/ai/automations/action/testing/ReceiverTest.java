package ai.automations.action.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import com.github.tomakehurst.wiremock.WireMockServer;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.testing.InjectRegistryDouble;

/**
 * Base of the tests that deliver to a local {@link Receiver} through the registry double: one receiver per test
 * class, started before its first test and stopped after its last, and the webhook integration they all stub.
 */
public abstract class ReceiverTest {

    protected static final String ENTITY = "acme";
    protected static Receiver receiver;

    @InjectRegistryDouble
    protected WireMockServer registry;

    @BeforeAll
    static void startReceiver() {
        receiver = new Receiver();
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    /**
     * An automation of {@link #ENTITY} named {@code automationName} whose webhook integration (a fresh one named
     * after {@code integrationPrefix}) posts {@code payload} to {@code url}; the automation itself is not stubbed.
     */
    protected AutomationDefinition webhookAutomation(String integrationPrefix, String automationName, String url,
            String payload, String tokenSecret, String signingSecret) {
        String integration = Fixtures.unique(integrationPrefix);
        RegistryStubs.webhookIntegration(registry, ENTITY, integration, url, tokenSecret, signingSecret);
        return Fixtures.automation(ENTITY, automationName, Fixtures.webhook(integration, payload));
    }
}
