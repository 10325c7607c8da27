package ai.automations.trigger.ingest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.auth.CallerIdentity;
import ai.automations.common.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;

/** {@code POST /api/v1/events}: CloudEvents from an external platform onto {@code automation.events}. */
@Path("/api/v1/events")
public class EventIngestResource {

    /** What a 202 says: how many events were accepted, and their ids. */
    public record Accepted(int accepted, List<String> ids) {
    }

    private final EventIngestService service;
    private final CurrentCaller caller;

    public EventIngestResource(EventIngestService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, "application/cloudevents+json", "application/cloudevents-batch+json" })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(CallerIdentity.USER)
    public Uni<Response> ingest(JsonNode body) {
        return service.ingest(body, caller.get())
                .map(ids -> Response.accepted(new Accepted(ids.size(), ids)).build());
    }
}
