package ai.automations.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * The Ingress sends every public path to the service that owns it (the contract), as ingress-nginx routes with
 * use-regex: paths sorted longest first, each a case-insensitive regular expression anchored at the start.
 */
class IngressRoutesTest {

    /** Paths of the contract and the service that serves them. */
    static final Map<String, String> CONTRACT = new LinkedHashMap<>();

    static {
        CONTRACT.put("/api/v1/users", "registry-service");
        CONTRACT.put("/api/v1/api-keys/k1", "registry-service");
        CONTRACT.put("/api/v1/entities", "registry-service");
        CONTRACT.put("/api/v1/entities/acme/members", "registry-service");
        CONTRACT.put("/api/v1/entities/acme/projects/p1/artifacts", "registry-service");
        CONTRACT.put("/api/v1/entities/acme/projects/p1/runs/r1/history", "registry-service");
        CONTRACT.put("/api/v1/entities/acme/registries/model/collections/c1/links/v1", "registry-service");
        CONTRACT.put("/api/v1/entities/acme/registries/model/collections/c1/versions/v0/aliases/production", "registry-service");
        CONTRACT.put("/api/v1/artifacts/a1/tags", "registry-service");
        CONTRACT.put("/api/v1/entities/acme/integrations", "registry-service");
        CONTRACT.put("/api/v1/entities/acme/integrations/ci", "registry-service");
        CONTRACT.put("/api/v1/entities/acme/integrations/test", "registry-service");
        CONTRACT.put("/api/v1/entities/acme/automations", "registry-service");
        CONTRACT.put("/api/v1/entities/acme/automations/a1", "registry-service");
        CONTRACT.put("/api/v1/entities/secrets/projects", "registry-service");
        CONTRACT.put("/api/v1/entities/acme/projects/secrets/runs", "registry-service");
        CONTRACT.put("/api/v1/events", "trigger-service");
        CONTRACT.put("/api/v1/entities/acme/automations/a1/dry-run", "trigger-service");
        CONTRACT.put("/api/v1/entities/acme/automations/a1/executions", "action-service");
        CONTRACT.put("/api/v1/executions/e1", "action-service");
        CONTRACT.put("/api/v1/executions/e1/redeliver", "action-service");
        CONTRACT.put("/api/v1/entities/acme/integrations/ci/test", "action-service");
        CONTRACT.put("/api/v1/entities/acme/secrets", "secrets-service");
        CONTRACT.put("/api/v1/entities/acme/secrets/SLACK_TOKEN", "secrets-service");
    }

    @Test
    void everyContractPathReachesItsService() {
        Renders.all().forEach((render, manifests) -> CONTRACT.forEach((path, service) ->
                assertThat(route(manifests, path)).as(render + ": " + path).contains(service)));
    }

    @Test
    void everyPublicPathInTheServicesSourcesReachesThatService() {
        Manifests manifests = Renders.defaults();
        for (String service : ServiceSources.serviceNames()) {
            for (String template : ServiceSources.of(service).publicPaths()) {
                String path = template.replaceAll("\\{[^}]+}", "x1");
                assertThat(route(manifests, path)).as(service + " serves " + template).contains(service);
            }
        }
    }

    @Test
    void internalAndManagementPathsAreNotExposed() {
        Manifests manifests = Renders.defaults();
        for (String path : List.of("/internal/v1/auth/introspect", "/internal/v1/entities/acme/secrets/resolve",
                "/q/metrics", "/q/health/ready", "/q/openapi", "/q", "/internal")) {
            assertThat(route(manifests, path)).as(path).isEmpty();
        }
    }

    @Test
    void everyOtherPathReachesTheConsole() {
        Renders.all().forEach((render, manifests) -> {
            for (String path : List.of("/", "/entities/acme/automations", "/openapi", "/swagger-ui/", "/quick",
                    "/internals", "/api/v2/events")) {
                assertThat(route(manifests, path)).as(render + ": " + path).contains("console");
            }
        });
    }

    @Test
    void everyBackendIsARenderedServiceOnItsPort() {
        Renders.all().forEach((render, manifests) -> {
            Map<String, Integer> ports = new LinkedHashMap<>();
            manifests.of(Service.class).forEach(s -> ports.put(s.getMetadata().getName(), s.getSpec().getPorts().get(0).getPort()));
            paths(manifests).forEach(p -> assertThat(ports)
                    .as(render + ": backend of " + p.getPath())
                    .containsEntry(p.getBackend().getService().getName(), p.getBackend().getService().getPort().getNumber()));
        });
    }

    @Test
    void productionTerminatesTlsForItsHost() {
        Ingress ingress = Renders.production().of(Ingress.class).get(0);
        assertThat(ingress.getSpec().getTls()).singleElement()
                .satisfies(tls -> assertThat(tls.getHosts()).containsExactly("automations.example.com"));
        assertThat(ingress.getSpec().getRules()).singleElement()
                .satisfies(rule -> assertThat(rule.getHost()).isEqualTo("automations.example.com"));
    }

    /** The component of the Service ingress-nginx would send this path to, if any. */
    static Optional<String> route(Manifests manifests, String path) {
        Ingress ingress = manifests.of(Ingress.class).get(0);
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/use-regex", "true");
        Map<String, String> componentOfService = new LinkedHashMap<>();
        manifests.of(Service.class).forEach(s -> componentOfService.put(s.getMetadata().getName(), Manifests.serviceOf(s)));
        return paths(manifests).stream()
                .sorted(Comparator.comparingInt((HTTPIngressPath p) -> p.getPath().length()).reversed())
                .filter(p -> Pattern.compile("^" + p.getPath(), Pattern.CASE_INSENSITIVE).matcher(path).find())
                .findFirst()
                .map(p -> componentOfService.get(p.getBackend().getService().getName()));
    }

    private static List<HTTPIngressPath> paths(Manifests manifests) {
        return manifests.of(Ingress.class).stream()
                .flatMap(i -> i.getSpec().getRules().stream())
                .flatMap(r -> r.getHttp().getPaths().stream())
                .toList();
    }
}
