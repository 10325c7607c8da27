package ai.automations.console.ui.web;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.console.ui.api.ApiClient;
import ai.automations.console.ui.api.ApiPath;
import ai.automations.console.ui.api.Service;
import ai.automations.console.ui.session.ConsoleSession;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/** Renders a page inside the layout, with the navigation data every page shows. */
@ApplicationScoped
public class Pages {

    private final Engine engine;
    private final ApiClient api;
    private final CurrentSession current;

    public Pages(Engine engine, ApiClient api, CurrentSession current) {
        this.engine = engine;
        this.api = api;
        this.current = current;
    }

    /**
     * The template {@code templates/<template>.html} with {@code data} and {@code nav}; {@code entity} is the entity
     * the page belongs to (null for pages about the user).
     */
    public Uni<TemplateInstance> render(String template, String entity, String section, Map<String, Object> data) {
        ConsoleSession session = current.get();
        return api.getList(session.apiKey(), Service.REGISTRY, ApiPath.of("entities") + "?limit=200")
                .map(entities -> {
                    String role = entities.stream().filter(e -> entity != null && entity.equals(e.get("name")))
                            .map(e -> String.valueOf(e.get("role"))).findFirst().orElse(null);
                    Nav nav = new Nav(session.userName(), entities, entity, role, section, session.csrfToken(),
                            session.takeFlashes());
                    return instance(template, data).data("nav", nav);
                });
    }

    /** A template outside the layout's data needs (fragments answered to htmx, the sign-in page). */
    public TemplateInstance instance(String template, Map<String, Object> data) {
        TemplateInstance instance = engine.getTemplate(template).instance();
        data.forEach(instance::data);
        return instance;
    }

    /** The navigation of a page shown without the entity list (errors). */
    public Nav bareNav(ConsoleSession session) {
        return new Nav(session == null ? null : session.userName(), List.of(), null, null, null,
                session == null ? "" : session.csrfToken(), session == null ? List.of() : session.takeFlashes());
    }
}
