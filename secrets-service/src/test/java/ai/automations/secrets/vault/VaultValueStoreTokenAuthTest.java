package ai.automations.secrets.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import ai.automations.secrets.config.SecretsConfig;
import ai.automations.secrets.store.SecretStoreException;
import ai.automations.secrets.store.SecretValue;
import ai.automations.secrets.store.SecretVersionRef;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.http.jdk.JDKVaultHttpClient;

/**
 * The vault store with token authentication (the Quarkus suite uses Kubernetes auth), against the Vault-shaped double
 * with the default mount and path prefix.
 */
class VaultValueStoreTokenAuthTest {

    private static final String TOKEN = "s.token-auth-test";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private WireMockServer server;
    private VaultKv2Double vault;

    @BeforeEach
    void start() {
        vault = new VaultKv2Double("secret", "unused-jwt", "unused-role", TOKEN);
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(vault));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void writesReadsExactVersionsAndDeletesWithAStaticToken() {
        VaultValueStore store = store(TOKEN);
        SecretVersionRef v1 = new SecretVersionRef("acme", "CI_TOKEN", 1);
        SecretVersionRef v2 = new SecretVersionRef("acme", "CI_TOKEN", 2);

        Integer first = store.write(v1, SecretValue.of("first")).await().atMost(WAIT);
        Integer second = store.write(v2, SecretValue.of("second")).await().atMost(WAIT);
        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(vault.entry("automations/acme/CI_TOKEN").data(2)).containsEntry("value", "second");
        assertThat(store.read(v1, first).await().atMost(WAIT).reveal()).isEqualTo("first");
        assertThat(store.read(v2, second).await().atMost(WAIT).reveal()).isEqualTo("second");
        // A KV version that does not carry the version the service recorded is refused.
        assertThatThrownBy(() -> store.read(v2, first).await().atMost(WAIT)).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("not the version");
        assertThat(vault.requests()).allMatch(r -> r.endsWith("token-ok"));

        store.deleteAll("acme", "CI_TOKEN").await().atMost(WAIT);
        assertThat(vault.entry("automations/acme/CI_TOKEN")).isNull();
        assertThatThrownBy(() -> store.read(v2, second).await().atMost(WAIT)).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("not in Vault");
    }

    @Test
    void aRefusedTokenIsAnUnavailableStoreAndTheMessageHasNoValue() {
        VaultValueStore store = store("s.wrong-token");
        assertThatThrownBy(() -> store.write(new SecretVersionRef("acme", "X", 1), SecretValue.of("do-not-print"))
                .await().atMost(WAIT)).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("HTTP 403")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("do-not-print"));
    }

    private VaultValueStore store(String token) {
        VaultClient client = VaultClient.builder().baseUrl(server.baseUrl()).clientToken(token)
                .executor(new JDKVaultHttpClient(HttpClient.newHttpClient())).build();
        return new VaultValueStore(() -> client, new SecretsConfig.Vault() {
            @Override
            public String mount() {
                return "secret";
            }

            @Override
            public String pathPrefix() {
                return "automations";
            }
        }, true);
    }
}
