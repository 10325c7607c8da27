package ai.automations.console.ui.registry;

import ai.automations.console.ui.api.ApiPath;
import io.quarkus.qute.TemplateData;

/**
 * A collection as pages address it: in a registry ({@code kind = registries}) or a project ({@code kind = projects}),
 * with its API path and its page path.
 */
@TemplateData
public record CollectionRef(String entity, String kind, String owner, String collection) {

    public String api(Object... more) {
        Object[] segments = new Object[6 + more.length];
        segments[0] = "entities";
        segments[1] = entity;
        segments[2] = kind;
        segments[3] = owner;
        segments[4] = "collections";
        segments[5] = collection;
        System.arraycopy(more, 0, segments, 6, more.length);
        return ApiPath.of(segments);
    }

    /** The console page of this collection. */
    public String page() {
        return "/entities/" + ApiPath.encode(entity) + "/collections/" + kind + "/" + ApiPath.encode(owner) + "/"
                + ApiPath.encode(collection);
    }

    public String versionPage(String version) {
        return page() + "/versions/" + ApiPath.encode(version);
    }

    public boolean inRegistry() {
        return "registries".equals(kind);
    }
}
