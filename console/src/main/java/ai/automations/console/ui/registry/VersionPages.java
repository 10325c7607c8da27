package ai.automations.console.ui.registry;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import ai.automations.console.ui.api.ApiClient;
import ai.automations.console.ui.api.ApiPath;
import ai.automations.console.ui.api.Service;
import ai.automations.console.ui.web.CurrentSession;
import ai.automations.console.ui.web.Forms;
import ai.automations.console.ui.web.Model;
import ai.automations.console.ui.web.Pages;
import ai.automations.console.ui.web.Responses;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/**
 * The pages and changes of a collection and its versions, the same for registry and project collections: the
 * collection's tags; versions with aliases, tags and metadata; adding and removing an alias or a tag; linking a project
 * version into a registry.
 */
@ApplicationScoped
public class VersionPages {

    private final ApiClient api;
    private final Pages pages;
    private final Responses responses;
    private final CurrentSession current;

    public VersionPages(ApiClient api, Pages pages, Responses responses, CurrentSession current) {
        this.api = api;
        this.pages = pages;
        this.responses = responses;
        this.current = current;
    }

    public Uni<TemplateInstance> collection(CollectionRef ref) {
        String key = current.apiKey();
        return api.getObject(key, Service.REGISTRY, ref.api())
                .flatMap(collection -> api.getList(key, Service.REGISTRY, ref.api("versions") + "?limit=200")
                        .flatMap(versions -> pages.render("collection", ref.entity(), ref.kind(),
                                Model.of("ref", ref, "collection", collection, "versions", versions))));
    }

    public Uni<TemplateInstance> version(CollectionRef ref, String version) {
        String key = current.apiKey();
        Uni<List<Map<String, Object>>> registries = ref.inRegistry() ? Uni.createFrom().item(List.of())
                : api.getList(key, Service.REGISTRY, ApiPath.of("entities", ref.entity(), "registries") + "?limit=200");
        return api.getObject(key, Service.REGISTRY, ref.api("versions", version))
                .flatMap(v -> registries.flatMap(regs -> pages.render("version", ref.entity(), ref.kind(),
                        Model.of("ref", ref, "v", v, "registries", regs))));
    }

    public Uni<Response> addLabel(CollectionRef ref, String version, String kind, String value, HttpHeaders headers) {
        String label = value == null ? "" : value.strip();
        String field = kind.equals("aliases") ? "alias" : "tag";
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.POST,
                ref.api("versions", version, kind), Map.of(field, label)),
                "Added " + field + " '" + label + "' to " + version + ".", ref.versionPage(version), headers);
    }

    public Uni<Response> removeLabel(CollectionRef ref, String version, String kind, String value,
            HttpHeaders headers) {
        String field = kind.equals("aliases") ? "alias" : "tag";
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.DELETE,
                ref.api("versions", version, kind, value), null),
                "Removed " + field + " '" + value + "' from " + version + ".", ref.versionPage(version), headers);
    }

    public Uni<Response> addCollectionTag(CollectionRef ref, String value, HttpHeaders headers) {
        String tag = value == null ? "" : value.strip();
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.POST, ref.api("tags"),
                Map.of("tag", tag)), "Tagged " + ref.collection() + " '" + tag + "'.", ref.page(), headers);
    }

    public Uni<Response> removeCollectionTag(CollectionRef ref, String tag, HttpHeaders headers) {
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.DELETE,
                ref.api("tags", tag), null), "Removed tag '" + tag + "' from " + ref.collection() + ".", ref.page(),
                headers);
    }

    /** Links a project version into a registry collection, with optional comma-separated aliases. */
    public Uni<Response> link(CollectionRef ref, String version, String artifactId, String registry,
            String collection, String aliases, HttpHeaders headers) {
        Map<String, Object> body = Model.of("artifactId", artifactId, "aliases", Forms.list(aliases));
        CollectionRef target = new CollectionRef(ref.entity(), "registries", registry == null ? "" : registry.strip(),
                collection == null ? "" : collection.strip());
        return responses.change(api.send(current.apiKey(), Service.REGISTRY, HttpMethod.POST,
                ApiPath.of("entities", ref.entity(), "registries", target.owner(), "collections", target.collection(),
                        "links"), body),
                "Linked " + version + " into " + target.owner() + "/" + target.collection() + ".", target.page(),
                ref.versionPage(version), headers);
    }
}
