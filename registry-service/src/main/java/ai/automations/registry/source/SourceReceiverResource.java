package ai.automations.registry.source;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * Where an external registry's webhooks arrive. No API key: MLflow and the Hub cannot send one, so each delivery is
 * authenticated by its source's signature (MLflow) or secret (the Hub) alone; registry-service lists
 * {@code /api/v1/sources/} in {@code automations.auth.public-path-prefixes}.
 */
@Path("/api/v1/sources/{id}/events")
public class SourceReceiverResource {

    private final SourceReceiver receiver;

    public SourceReceiverResource(SourceReceiver receiver) {
        this.receiver = receiver;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(@PathParam("id") String id,
            @HeaderParam(MlflowWebhooks.SIGNATURE) String mlflowSignature,
            @HeaderParam(MlflowWebhooks.TIMESTAMP) String mlflowTimestamp,
            @HeaderParam(MlflowWebhooks.DELIVERY_ID) String mlflowDeliveryId,
            @HeaderParam(HubWebhooks.SECRET) String hubSecret,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            byte[] body) {
        return receiver.receive(id, new SourceReceiver.Headers(mlflowSignature, mlflowTimestamp, mlflowDeliveryId,
                hubSecret, contentLength), body);
    }
}
