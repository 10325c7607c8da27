package ai.automations.common.auth;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** registry-service's internal answer to "whose key is this?". */
@Path("/internal/v1/auth")
@RegisterRestClient(configKey = "registry")
@RegisterProvider(ServiceTokenHeader.class)
public interface ApiKeyIntrospectionClient {

    /** The request body: the key to look up. */
    record Introspection(String apiKey) {
    }

    @POST
    @Path("/introspect")
    Uni<Caller> introspect(Introspection request);
}
