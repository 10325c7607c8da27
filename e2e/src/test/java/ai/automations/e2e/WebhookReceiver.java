package ai.automations.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The CI/CD endpoint the webhook tests deliver to: a local server answering 204 on each of its paths and keeping what
 * it was sent, so a test can say what arrived, how often and with which headers. Registered as a test class's
 * extension ({@code @RegisterExtension static}), it listens from before the class's first test to after its last.
 */
final class WebhookReceiver implements BeforeAllCallback, AfterAllCallback {

    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final String[] paths;

    private WebhookReceiver(String[] paths) {
        this.paths = paths;
    }

    /** A receiver answering 204 to POSTs on {@code paths}, on a free loopback port. */
    static WebhookReceiver on(String... paths) {
        return new WebhookReceiver(paths);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server.start();
        for (String path : paths) {
            server.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    /** The URL an integration sends to for {@code path}. */
    String url(String path) {
        return server.baseUrl() + path;
    }

    /** The POSTs received on {@code path}, oldest first. */
    List<LoggedRequest> requests(String path) {
        return server.findAll(postRequestedFor(urlEqualTo(path)));
    }

    /** The JSON bodies of {@link #requests}. */
    List<JsonNode> bodies(String path) {
        return requests(path).stream().map(r -> ApiClient.read(r.getBodyAsString())).toList();
    }
}
