package ai.automations.console.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.console.proxy.ApiRoutes;
import ai.automations.console.proxy.UpstreamCalls;
import ai.automations.console.proxy.Upstreams;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Fetches every service's own OpenAPI document ({@code /q/openapi?format=json}) and merges them, on each request, so
 * the document always describes the services that run now. A service that does not answer is left out and named.
 */
@Singleton
public class MergedOpenApi {

    private final UpstreamCalls calls;
    private final Upstreams upstreams;
    private final ObjectMapper mapper;
    private final OpenApiMerger merger;

    public MergedOpenApi(UpstreamCalls calls, Upstreams upstreams, ApiRoutes routes, ObjectMapper mapper) {
        this.calls = calls;
        this.upstreams = upstreams;
        this.mapper = mapper;
        this.merger = new OpenApiMerger(routes);
    }

    /** The merged document. */
    public Uni<ObjectNode> document() {
        List<String> services = new ArrayList<>(upstreams.all().keySet());
        List<Uni<JsonNode>> fetches = services.stream()
                .map(service -> calls.get(service, "/q/openapi?format=json")
                        .map(body -> parse(body.getBytes()))
                        .onFailure().invoke(failure -> Log.warnf("No OpenAPI document from %s-service: %s",
                                service, failure.getMessage()))
                        .onFailure().recoverWithNull())
                .toList();
        return Uni.join().all(fetches).andFailFast().map(documents -> {
            Map<String, JsonNode> byService = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                if (documents.get(i) == null) {
                    missing.add(services.get(i));
                } else {
                    byService.put(services.get(i), documents.get(i));
                }
            }
            return merger.merge(byService, missing);
        });
    }

    private JsonNode parse(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Not a JSON OpenAPI document", e);
        }
    }
}
