package ai.automations.registry.automation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import ai.automations.common.auth.CallerIdentity;
import ai.automations.common.automation.AutomationDefinition;
import io.smallrye.mutiny.Uni;

/** An automation by id for the suite's services (service callers only). */
@Path("/internal/v1/automations")
@RolesAllowed(CallerIdentity.SERVICE)
public class InternalAutomationResource {

    private final AutomationService automations;

    public InternalAutomationResource(AutomationService automations) {
        this.automations = automations;
    }

    @GET
    @Path("/{id}")
    public Uni<AutomationDefinition> get(@PathParam("id") String id) {
        return automations.byId(id);
    }
}
