package ai.automations.action.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.automations.action.outbound.CallResult.Failure;
import ai.automations.action.testing.Configs;
import ai.automations.action.testing.Receiver;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

class OutboundHttpTest {

    private static Vertx vertx;
    private static Receiver receiver;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        receiver = new Receiver();
        receiver.server().stubFor(post(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200).withBody("fine")));
    }

    @AfterAll
    static void stop() {
        receiver.close();
        vertx.close();
    }

    /** Names map to fixed addresses; anything else does not resolve. */
    private static HostResolver names(Map<String, String> names) {
        return host -> {
            String address = names.getOrDefault(host, host.matches("[0-9.]+") ? host : host.equals("localhost") ? "127.0.0.1" : null);
            if (address == null) {
                return Uni.createFrom().failure(new SystemHostResolver.UnresolvableHostException(host));
            }
            try {
                return Uni.createFrom().item(List.of(InetAddress.getByName(address)));
            } catch (Exception e) {
                return Uni.createFrom().failure(e);
            }
        };
    }

    private static OutboundHttp client(HostResolver resolver, boolean allowLoopback, String timeout) {
        return new OutboundHttp(vertx, resolver, new AddressPolicy(allowLoopback, false),
                Configs.outbound(Map.of("automations.delivery.request-timeout", timeout)));
    }

    private static CallResult call(OutboundHttp http, String url) {
        return http.post(url, () -> Map.of("Content-Type", "application/json"), "{}".getBytes())
                .await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void loopbackIsRefusedBeforeAnyConnectionUnlessAllowed() {
        int before = receiver.posts("/ok").size();
        CallResult refused = call(client(names(Map.of()), false, "5s"), receiver.url("/ok"));
        assertThat(refused.failure()).isEqualTo(Failure.REFUSED_ADDRESS);
        assertThat(refused.error()).contains("loopback");
        assertThat(receiver.posts("/ok")).hasSize(before);

        CallResult allowed = call(client(names(Map.of()), true, "5s"), receiver.url("/ok"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("fine");
    }

    @Test
    void aHostNameResolvingToAPrivateAddressIsRefused() {
        CallResult refused = call(client(names(Map.of("build.example.com", "10.1.2.3")), true, "5s"),
                "https://build.example.com/hook");
        assertThat(refused.failure()).isEqualTo(Failure.REFUSED_ADDRESS);
        assertThat(refused.error()).contains("build.example.com").contains("private");
    }

    @Test
    void theConnectionGoesToTheCheckedAddressWithTheNameAsHost() {
        String url = "http://hooks.example.com:" + receiver.port() + "/ok";
        CallResult result = call(client(names(Map.of("hooks.example.com", "127.0.0.1")), true, "5s"), url);
        assertThat(result.statusCode()).isEqualTo(200);
        var last = receiver.posts("/ok").get(receiver.posts("/ok").size() - 1);
        assertThat(last.getHeader("Host")).isEqualTo("hooks.example.com:" + receiver.port());
    }

    @Test
    void theWholeExchangeHasOneDeadline() {
        receiver.server().stubFor(post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
        long start = System.nanoTime();
        CallResult result = call(client(names(Map.of()), true, "1s"), receiver.url("/slow"));
        assertThat(result.failure()).isEqualTo(Failure.TIMEOUT);
        assertThat(result.isTransientFailure()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void onlyTheStartOfALargeBodyIsKept() {
        receiver.server().stubFor(post(urlEqualTo("/large")).willReturn(aResponse().withStatus(200).withBody("x".repeat(200_000))));
        CallResult result = call(client(names(Map.of()), true, "5s"), receiver.url("/large"));
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body()).hasSize(OutboundHttp.MAX_INSPECTED_BODY);
    }

    @Test
    void redirectsAreNotFollowed() {
        receiver.server().stubFor(post(urlEqualTo("/moved")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data")));
        CallResult result = call(client(names(Map.of()), true, "5s"), receiver.url("/moved"));
        assertThat(result.statusCode()).isEqualTo(302);
    }

    @Test
    void networkFailuresAreTransientAndBadUrlsAreNot() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CallResult refused = call(client(names(Map.of()), true, "5s"), "http://127.0.0.1:" + closed + "/x");
        assertThat(refused.failure()).isEqualTo(Failure.CONNECT);
        assertThat(refused.isTransientFailure()).isTrue();

        CallResult unknown = call(client(names(Map.of()), true, "5s"), "http://nowhere.invalid/x");
        assertThat(unknown.failure()).isEqualTo(Failure.UNRESOLVABLE);
        assertThat(unknown.isTransientFailure()).isTrue();

        CallResult invalid = call(client(names(Map.of()), true, "5s"), "ftp://example.com/x");
        assertThat(invalid.failure()).isEqualTo(Failure.INVALID_URL);
        assertThat(invalid.isTransientFailure()).isFalse();
    }

    @Test
    void aHeaderValueWithALineBreakIsNeverSent() {
        int before = receiver.posts("/ok").size();
        CallResult result = client(names(Map.of()), true, "5s").post(receiver.url("/ok"),
                () -> Map.of("Authorization", "Bearer abc\r\nX-Injected: yes"), "{}".getBytes())
                .await().atMost(Duration.ofSeconds(30));
        assertThat(result.hasResponse()).isFalse();
        assertThat(result.isTransientFailure()).isFalse();
        assertThat(result.error()).doesNotContain("abc");
        assertThat(receiver.posts("/ok")).hasSize(before);
    }
}
