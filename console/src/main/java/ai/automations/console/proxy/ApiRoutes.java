package ai.automations.console.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The routing table of the front door: which service owns which {@code /api/v1} path. It is read from
 * {@code api-routes.yaml}, the file the Helm chart renders its Ingress from ({@code k8s/automations/files/}, copied
 * onto the console's classpath by the build), so the front door and the Ingress cannot drift apart. Matching follows
 * ingress-nginx: the longest matching path wins.
 */
public final class ApiRoutes {

    /** The classpath resource the build copies from the chart. */
    public static final String RESOURCE = "api-routes.yaml";

    private final List<ApiRoute> longestFirst;

    public ApiRoutes(List<ApiRoute> routes) {
        this.longestFirst = routes.stream()
                .sorted(Comparator.comparingInt((ApiRoute r) -> r.path().length()).reversed())
                .toList();
    }

    /** The table the chart and the console share. */
    public static ApiRoutes fromClasspath() {
        try (InputStream in = ApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The routing table " + RESOURCE + " is missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a table in the chart's format: a YAML list of {@code {path, service}} (as a tree: no reflection). */
    public static ApiRoutes parse(InputStream yaml) throws IOException {
        List<ApiRoute> routes = new ArrayList<>();
        for (JsonNode entry : new ObjectMapper(new YAMLFactory()).readTree(yaml)) {
            String path = entry.path("path").asText("");
            String service = entry.path("service").asText("");
            if (path.isEmpty() || service.isEmpty()) {
                throw new IllegalStateException("Every route needs a path and a service, not " + entry);
            }
            routes.add(new ApiRoute(path, service));
        }
        return new ApiRoutes(routes);
    }

    /** The route a request path takes, if the front door serves it at all. */
    public Optional<ApiRoute> route(String requestPath) {
        return longestFirst.stream().filter(r -> r.matches(requestPath)).findFirst();
    }

    /** Every route, longest path first. */
    public List<ApiRoute> routes() {
        return longestFirst;
    }
}
