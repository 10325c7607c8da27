package ai.automations.trigger.dryrun;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import ai.automations.common.auth.EntityMember;
import ai.automations.common.error.ApiException;
import io.smallrye.mutiny.Uni;

/** {@code POST /api/v1/entities/{entity}/automations/{id}/dry-run}: would this event trigger this automation? */
@Path("/api/v1/entities/{entity}/automations/{id}/dry-run")
public class DryRunResource {

    private final DryRunService service;

    public DryRunResource(DryRunService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @EntityMember
    public Uni<DryRunResult> dryRun(@PathParam("entity") String entity, @PathParam("id") String id, DryRunRequest request) {
        if (request == null || request.event() == null) {
            throw ApiException.badRequest("Send {\"event\": <CloudEvent>}.", "event");
        }
        return service.dryRun(entity, id, request.event());
    }
}
