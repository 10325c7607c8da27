package ai.automations.secrets.reference;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import ai.automations.common.auth.ServiceTokenHeader;
import io.smallrye.mutiny.Uni;

/** registry-service's internal answer to "which integrations use this secret?". */
@Path("/internal/v1/entities/{entity}/secret-references")
@RegisterRestClient(configKey = "registry")
@RegisterProvider(ServiceTokenHeader.class)
public interface SecretReferencesClient {

    /** The names of the integrations that reference a secret. */
    record SecretReferences(List<String> integrations) {
    }

    @GET
    @Path("/{secret}")
    Uni<SecretReferences> references(@PathParam("entity") String entity, @PathParam("secret") String secret);
}
