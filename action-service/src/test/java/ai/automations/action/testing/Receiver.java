package ai.automations.action.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Comparator;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** A local HTTP endpoint on 127.0.0.1 standing in for a webhook receiver or Slack. */
public final class Receiver implements AutoCloseable {

    private final WireMockServer server;

    public Receiver() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(40));
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public String url(String path) {
        return server.baseUrl() + path;
    }

    /** The POSTs received on {@code path}, oldest first. */
    public List<LoggedRequest> posts(String path) {
        return server.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
