package ai.automations.console.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The routing table the build copies from the chart, read the way ingress-nginx reads it. */
class ApiRoutesTest {

    private final ApiRoutes routes = ApiRoutes.fromClasspath();

    @Test
    void everyPathFamilyOfTheContractReachesItsOwner() {
        Map<String, String> owners = new LinkedHashMap<>();
        owners.put("/api/v1/users", "registry");
        owners.put("/api/v1/api-keys/k1", "registry");
        owners.put("/api/v1/entities/acme/projects/p1/runs/r1/history", "registry");
        owners.put("/api/v1/entities/acme/registries/model/collections/c1/versions/v0/aliases/production", "registry");
        owners.put("/api/v1/artifacts/a1/tags", "registry");
        owners.put("/api/v1/entities/acme/integrations/ci", "registry");
        owners.put("/api/v1/entities/acme/sources/mlflow-prod", "registry");
        owners.put("/api/v1/sources/6f1c2a8e-0b7d-4c55-9a51-2a9f4a3e7a10/events", "registry");
        owners.put("/api/v1/entities/acme/integrations/test", "registry");
        owners.put("/api/v1/entities/acme/automations/a1", "registry");
        owners.put("/api/v1/entities/secrets/projects", "registry");
        owners.put("/api/v1", "registry");
        owners.put("/api/v1/events", "trigger");
        owners.put("/api/v1/entities/acme/automations/a1/dry-run", "trigger");
        owners.put("/api/v1/entities/acme/automations/a1/executions", "action");
        owners.put("/api/v1/executions/e1/redeliver", "action");
        owners.put("/api/v1/entities/acme/integrations/ci/test", "action");
        owners.put("/api/v1/entities/acme/secrets", "secrets");
        owners.put("/api/v1/entities/acme/secrets/SLACK_TOKEN", "secrets");
        owners.forEach((path, service) ->
                assertThat(routes.route(path)).as(path).hasValueSatisfying(r -> assertThat(r.service()).isEqualTo(service)));
    }

    @Test
    void theLongestMatchingPathWinsWhateverTheOrderInTheFile() {
        ApiRoutes reversed = new ApiRoutes(List.of(
                new ApiRoute("/api/v1(/|$)", "registry"),
                new ApiRoute("/api/v1/events(/|$)", "trigger")));

        assertThat(reversed.route("/api/v1/events")).map(ApiRoute::service).contains("trigger");
        assertThat(reversed.route("/api/v1/eventsx")).map(ApiRoute::service).contains("registry");
    }

    @Test
    void matchingIsAnchoredAtTheStartAndIgnoresCase() {
        assertThat(routes.route("/API/V1/Events")).map(ApiRoute::service).contains("trigger");
        assertThat(routes.route("/x/api/v1/events")).isEmpty();
        assertThat(routes.route("/api/v2/events")).isEmpty();
        assertThat(routes.route("/internal/v1/auth/introspect")).isEmpty();
        assertThat(routes.route("/q/health")).isEmpty();
    }
}
