package ai.automations.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.LintResult;

/** helm lint (strict) and helm template with the defaults and the production example, and the required values. */
class ChartLintTest {

    @Test
    void theDefaultsLintCleanly() {
        LintResult result = Chart.lint(null);
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void theProductionExampleLintsCleanly() {
        LintResult result = Chart.lint(Chart.productionValues());
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void lintFindsABrokenChart() {
        LintResult result = Chart.lint(Chart.root().resolve("k8s/src/test/resources/broken-values.yaml"));
        assertThat(result.isFailed()).isTrue();
    }

    @Test
    void theDefaultsAndTheProductionExampleRender() {
        assertThat(Renders.defaults().deployments()).hasSize(5);
        assertThat(Renders.production().deployments()).hasSize(5);
        assertThat(Renders.production().yaml()).contains("registry.example.com/ml-platform/automations/action-service:0.1.0-native");
    }

    @Test
    void aMissingSecretNameStopsRenderingWithAMessageSayingWhichOne() {
        Map<String, String> required = Map.of(
                "secrets.serviceTokens.existingSecret", "one token per service",
                "secrets.bootstrapAdmin.existingSecret", "the bootstrap admin's API key",
                "postgresql.databases.action.existingSecret", "the login of action-service's database");
        required.forEach((value, what) -> assertThatThrownBy(() -> Chart.render(Chart.sets(value, "")))
                .as(value)
                .hasMessageContaining(value + " is required")
                .hasMessageContaining(what));
    }

    @Test
    void eachSecretStoreNeedsItsOwnSecret() {
        assertThatThrownBy(() -> Chart.render(Chart.sets("secretStore.backend", "database")))
                .hasMessageContaining("secretStore.database.kek.existingSecret is required")
                .hasMessageContaining("key-encryption key");
        assertThatThrownBy(() -> Chart.render(Chart.sets("vault.auth.method", "token")))
                .hasMessageContaining("vault.auth.token.existingSecret is required");
        assertThatThrownBy(() -> Chart.render(Chart.sets("secretStore.backend", "memory")))
                .hasMessageContaining("/secretStore/backend").hasMessageContaining("'vault', 'database'");
        assertThatThrownBy(() -> Chart.render(Chart.sets("vault.address", "")))
                .hasMessageContaining("vault.address is required");
    }

    @Test
    void valuesOfTheWrongShapeAreRefusedByTheSchema() {
        assertThatThrownBy(() -> Chart.render(Chart.sets("image.flavor", "graal")))
                .hasMessageContaining("/image/flavor").hasMessageContaining("'native', 'jvm'");
        assertThatThrownBy(() -> Chart.render(Chart.sets("postgresql.prot", "5432")))
                .hasMessageContaining("prot");
        assertThatThrownBy(() -> Chart.render(Chart.sets("delivery.allowLoopback", "yes")))
                .hasMessageContaining("/delivery/allowLoopback");
    }

    @Test
    void theNotesSayHowToReachTheApi() {
        String withIngress = Chart.renderNotes(Chart.sets("ingress.host", "automations.example.com"));
        assertThat(withIngress).contains("http://automations.example.com/api/v1/entities")
                .contains("kubectl -n automations get secret automations-bootstrap-admin")
                .contains("registry-service  http://automations-registry-service.automations.svc:8081")
                .doesNotContain("WARNING");
        String withoutIngress = Chart.renderNotes(Chart.sets("ingress.enabled", "false", "delivery.allowLoopback", "true"));
        assertThat(withoutIngress).contains("port-forward svc/automations-console 8080:8080")
                .contains("curl http://127.0.0.1:8080/api/v1/entities")
                .contains("WARNING: delivery.allowLoopback");
    }

    @Test
    void theDefaultsAreSafeForProduction() {
        Manifests manifests = Renders.defaults();
        var action = manifests.environment(manifests.deployment("action-service"));
        assertThat(action.get("AUTOMATIONS_DELIVERY_ALLOW_LOOPBACK").value()).isEqualTo("false");
        assertThat(action.get("AUTOMATIONS_DELIVERY_ALLOW_PRIVATE_NETWORKS").value()).isEqualTo("false");
        var secrets = manifests.environment(manifests.deployment("secrets-service"));
        assertThat(secrets.get("AUTOMATIONS_SECRETS_BACKEND").value()).isEqualTo("vault");
        assertThat(secrets).doesNotContainKey("AUTOMATIONS_SECRETS_DATABASE_KEK");
    }
}
