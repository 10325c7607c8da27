package ai.automations.console.openapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/** The OpenAPI document of the whole API behind the front door; the bundled Swagger UI reads it. */
@Path("/openapi")
public class OpenApiResource {

    private final MergedOpenApi openApi;

    public OpenApiResource(MergedOpenApi openApi) {
        this.openApi = openApi;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The merged OpenAPI document of the four services' public API")
    public Uni<String> document() {
        return openApi.document().map(ObjectNode::toString);
    }
}
