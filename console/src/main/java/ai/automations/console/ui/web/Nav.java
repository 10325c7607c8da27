package ai.automations.console.ui.web;

import java.util.List;
import java.util.Map;

import ai.automations.console.ui.session.Flash;
import io.quarkus.qute.TemplateData;

/**
 * What the layout of every page needs: who is signed in, the entities to switch between, the current entity and the
 * user's role in it (edit controls show only for roles that may use them), the CSRF token and one-time messages.
 */
@TemplateData
public record Nav(String user, List<Map<String, Object>> entities, String entity, String role, String section,
        String csrf, List<Flash> flashes) {

    /** MEMBER or ADMIN: may change artifacts, runs and automations. */
    public boolean canEdit() {
        return "ADMIN".equals(role) || "MEMBER".equals(role);
    }

    /** ADMIN: may manage secrets, integrations and members. */
    public boolean isAdmin() {
        return "ADMIN".equals(role);
    }
}
