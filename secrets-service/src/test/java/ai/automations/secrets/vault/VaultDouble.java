package ai.automations.secrets.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs secrets-service on its vault backend against {@link VaultKv2Double}, a Vault-shaped HTTP double (there is no
 * Vault binary on the build machines). The service logs in with Kubernetes auth (a service-account JWT file, as in a
 * pod) and uses a non-default mount and path prefix, so both settings are exercised.
 */
public class VaultDouble implements QuarkusTestResourceLifecycleManager {

    public static final String MOUNT = "kv-automations";
    public static final String PATH_PREFIX = "teams";
    public static final String ROLE = "automations-secrets";

    private WireMockServer server;
    private VaultKv2Double vault;
    private Path jwtFile;

    @Override
    public Map<String, String> start() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.test-service-account." + UUID.randomUUID();
        try {
            jwtFile = Files.createTempFile("vault-double-sa-", ".jwt");
            Files.writeString(jwtFile, jwt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        vault = new VaultKv2Double(MOUNT, jwt, ROLE, "s.static-" + UUID.randomUUID());
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(vault));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
        return Map.of(
                "automations.secrets.backend", "vault",
                "automations.secrets.vault.mount", MOUNT,
                "automations.secrets.vault.path-prefix", PATH_PREFIX,
                "quarkus.vault.url", server.baseUrl(),
                "quarkus.vault.authentication.kubernetes.role", ROLE,
                "quarkus.vault.authentication.kubernetes.jwt-token-path", jwtFile.toString(),
                "quarkus.vault.tls.use-kubernetes-ca-cert", "false");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(vault,
                new TestInjector.AnnotatedAndMatchesType(InjectVaultDouble.class, VaultKv2Double.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        try {
            if (jwtFile != null) {
                Files.deleteIfExists(jwtFile);
            }
        } catch (IOException ignored) {
            // a temp file; nothing else to do
        }
    }
}
