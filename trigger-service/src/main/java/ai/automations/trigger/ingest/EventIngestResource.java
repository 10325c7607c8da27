package ai.automations.trigger.ingest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import ai.automations.common.auth.Caller;
import ai.automations.common.auth.CallerIdentity;
import ai.automations.common.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v1/events}: CloudEvents from an external platform onto {@code automation.events}, in any content
 * mode of the CloudEvents HTTP binding (binary {@code ce-*} headers, structured, batched).
 */
@Path("/api/v1/events")
public class EventIngestResource {

    /** What a 202 says: how many events were accepted, and their ids. */
    public record Accepted(int accepted, List<String> ids) {
    }

    private final HttpCloudEvents reader;
    private final EventIngestService service;
    private final CurrentCaller caller;

    public EventIngestResource(HttpCloudEvents reader, EventIngestService service, CurrentCaller caller) {
        this.reader = reader;
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, HttpCloudEvents.STRUCTURED, HttpCloudEvents.BATCH })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(CallerIdentity.USER)
    public Uni<Response> ingest(byte[] body, @Context HttpHeaders headers) {
        Caller who = caller.get();
        return Uni.createFrom().item(() -> reader.read(headers, body))
                .chain(events -> service.ingest(events, who))
                .map(ids -> Response.accepted(new Accepted(ids.size(), ids)).build());
    }
}
