package ai.automations.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ai.automations.console.proxy.ApiRoutes;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * One routing table for the public API: the console's front door (http://127.0.0.1:8080/api/v1 locally) and the
 * chart's Ingress (production) send every path to the same service. The table is kept in files/api-routes.yaml; this
 * test renders the chart and compares the Ingress with the table the console loads from its own classpath.
 */
class FrontDoorRoutesTest {

    private static final ApiRoutes FRONT_DOOR = ApiRoutes.fromClasspath();

    @Test
    void theIngressHasExactlyTheFrontDoorsApiRoutes() {
        Map<String, String> expected = new LinkedHashMap<>();
        FRONT_DOOR.routes().forEach(r -> expected.put(r.path(), r.service() + "-service"));
        Renders.all().forEach((render, manifests) -> {
            Map<String, String> componentOfService = new LinkedHashMap<>();
            manifests.of(Service.class).forEach(s -> componentOfService.put(s.getMetadata().getName(), Manifests.serviceOf(s)));
            Map<String, String> ingress = new LinkedHashMap<>();
            manifests.of(Ingress.class).stream()
                    .flatMap(i -> i.getSpec().getRules().stream())
                    .flatMap(r -> r.getHttp().getPaths().stream())
                    .filter(p -> !"console".equals(componentOfService.get(p.getBackend().getService().getName())))
                    .forEach(p -> ingress.put(p.getPath(), componentOfService.get(p.getBackend().getService().getName())));
            assertThat(ingress).as(render).containsExactlyInAnyOrderEntriesOf(expected);
        });
    }

    @Test
    void everyPathTakesTheSameWayThroughTheIngressAndTheFrontDoor() {
        Set<String> paths = new LinkedHashSet<>(IngressRoutesTest.CONTRACT.keySet());
        for (String service : ServiceSources.serviceNames()) {
            ServiceSources.of(service).publicPaths().forEach(p -> paths.add(p.replaceAll("\\{[^}]+}", "x1")));
        }
        paths.add("/api/v1");
        paths.add("/API/V1/Events");
        paths.add("/api/v1/entities/acme/automations/a1/dry-run/x");
        paths.add("/api/v2/events");
        paths.add("/");
        Manifests manifests = Renders.defaults();
        for (String path : paths) {
            String frontDoor = FRONT_DOOR.route(path).map(r -> r.service() + "-service").orElse("console");
            assertThat(IngressRoutesTest.route(manifests, path)).as(path).contains(frontDoor);
        }
    }
}
