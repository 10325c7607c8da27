package ai.automations.secrets.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.secrets.SecretsApiContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The secrets suite on the vault backend. There is no Vault binary on the build machines: {@link VaultDouble} serves
 * Vault's KV v2 HTTP protocol (paths, X-Vault-Token, JSON shapes, versions) and Kubernetes login, statefully.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
@WithTestResource(VaultDouble.class)
class VaultBackendTest extends SecretsApiContract {

    @InjectVaultDouble
    VaultKv2Double vault;

    @Test
    void valuesLiveInVaultKv2AndNotInPostgres() throws SQLException {
        String name = name("IN_VAULT");
        String first = value();
        String second = value();
        created(ACME, name, first);
        as(admin(ACME)).body(Map.of("value", second)).put(secrets(ACME) + "/" + name).then().statusCode(200);

        VaultKv2Double.Entry entry = vault.entry(VaultDouble.PATH_PREFIX + "/acme/" + name);
        assertThat(entry).isNotNull();
        assertThat(entry.currentVersion()).isEqualTo(2);
        assertThat(entry.data(1)).containsEntry("value", first).containsEntry("automations_version", 1);
        assertThat(entry.data(2)).containsEntry("value", second).containsEntry("automations_version", 2);
        assertThat(vault.logins()).isPositive();
        assertThat(vault.requests()).filteredOn(r -> r.contains("/data/")).isNotEmpty()
                .allMatch(r -> r.startsWith("POST /v1/" + VaultDouble.MOUNT + "/data/")
                        || r.startsWith("GET /v1/" + VaultDouble.MOUNT + "/data/"))
                .allMatch(r -> r.endsWith("token-ok"));
        assertThat(resolved(ACME, name)).containsEntry(name, second);

        try (Connection db = connect(); PreparedStatement dump = db.prepareStatement(
                "SELECT coalesce(string_agg(t::text, ' '), '') FROM (SELECT id::text, entity, name FROM secret"
                        + " UNION ALL SELECT id::text, encode(ciphertext, 'escape'), name FROM secret_value) t");
                ResultSet rows = dump.executeQuery()) {
            rows.next();
            assertThat(rows.getString(1)).contains(name).doesNotContain(first).doesNotContain(second);
        }
        try (Connection db = connect(); PreparedStatement count = db.prepareStatement("SELECT count(*) FROM secret_value");
                ResultSet rows = count.executeQuery()) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }

        as(admin(ACME)).delete(secrets(ACME) + "/" + name).then().statusCode(204);
        assertThat(vault.entry(VaultDouble.PATH_PREFIX + "/acme/" + name)).isNull();
    }

    @Test
    void anUnavailableVaultChangesNothing() {
        String name = name("SEALED");
        String original = value();
        created(ACME, name, original);
        vault.outage(503);
        try {
            create(ACME, name("NEW"), value()).then().statusCode(503).body("error", equalTo("UNAVAILABLE"));
            as(admin(ACME)).body(Map.of("value", value())).put(secrets(ACME) + "/" + name).then().statusCode(503);
            resolve(ACME, ACTION_SERVICE_TOKEN, List.of(name)).then().statusCode(503);
            as(admin(ACME)).delete(secrets(ACME) + "/" + name).then().statusCode(503);
        } finally {
            vault.outage(0);
        }
        as(admin(ACME)).get(secrets(ACME)).then().statusCode(200)
                .body("find { it.name == '" + name + "' }.version", equalTo(1));
        assertThat(resolved(ACME, name)).containsEntry(name, original);
        assertThat(audit(ACME, name)).extracting(e -> e.get("action")).containsExactly("RESOLVE", "CREATE");
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
