package ai.automations.console.openapi;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.console.proxy.ApiRoutes;

/**
 * Joins the four services' OpenAPI documents into the one document of the API behind the front door. A service
 * contributes only the paths the routing table sends to it, so {@code /internal} endpoints and anything the front
 * door would route elsewhere never appear. Components are joined by name (the first service's definition wins).
 */
public final class OpenApiMerger {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ApiRoutes routes;

    public OpenApiMerger(ApiRoutes routes) {
        this.routes = routes;
    }

    /** Service key to its document, in the order the merge should prefer; services whose document is missing are named. */
    public ObjectNode merge(Map<String, JsonNode> documents, Iterable<String> missing) {
        ObjectNode merged = JSON.objectNode();
        merged.put("openapi", documents.values().stream().map(d -> d.path("openapi").asText(null))
                .filter(v -> v != null).findFirst().orElse("3.1.0"));
        ObjectNode info = merged.putObject("info");
        info.put("title", "automations API");
        info.put("version", documents.values().stream().map(d -> d.path("info").path("version").asText(null))
                .filter(v -> v != null).findFirst().orElse("unknown"));
        info.put("description", "The public API of the automations suite, served at one base URL by the console's front door.");
        ArrayNode missingServices = JSON.arrayNode();
        missing.forEach(service -> missingServices.add(service + "-service"));
        if (!missingServices.isEmpty()) {
            info.set("x-unavailable-services", missingServices);
        }
        merged.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ArrayNode tags = merged.putArray("tags");
        documents.forEach((service, document) -> {
            addPaths(service, document.path("paths"), paths);
            addComponents(document.path("components"), components);
            addTags(document.path("tags"), tags);
            if (!merged.has("security") && document.has("security")) {
                merged.set("security", document.get("security"));
            }
        });
        return merged;
    }

    private void addPaths(String service, JsonNode from, ObjectNode into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            String example = path.getKey().replaceAll("\\{[^}]+}", "x1");
            boolean owned = routes.route(example).map(r -> r.service().equals(service)).orElse(false);
            if (!owned) {
                continue;
            }
            JsonNode existing = into.get(path.getKey());
            if (existing instanceof ObjectNode operations) {
                path.getValue().fields().forEachRemaining(op -> operations.putIfAbsent(op.getKey(), op.getValue()));
            } else {
                into.set(path.getKey(), path.getValue().deepCopy());
            }
        }
    }

    private static void addComponents(JsonNode from, ObjectNode into) {
        from.fields().forEachRemaining(section -> {
            ObjectNode target = into.has(section.getKey()) ? (ObjectNode) into.get(section.getKey())
                    : into.putObject(section.getKey());
            section.getValue().fields().forEachRemaining(c -> target.putIfAbsent(c.getKey(), c.getValue().deepCopy()));
        });
    }

    private static void addTags(JsonNode from, ArrayNode into) {
        for (JsonNode tag : from) {
            boolean known = false;
            for (JsonNode have : into) {
                known |= have.path("name").equals(tag.path("name"));
            }
            if (!known) {
                into.add(tag.deepCopy());
            }
        }
    }
}
