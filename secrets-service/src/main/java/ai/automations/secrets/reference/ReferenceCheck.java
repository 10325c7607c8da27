package ai.automations.secrets.reference;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import ai.automations.common.error.ApiException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Refuses to delete a secret that an integration still references, asking registry-service, which owns integrations.
 * It fails closed: when registry-service cannot answer, nothing is deleted.
 */
@ApplicationScoped
public class ReferenceCheck {

    private final SecretReferencesClient registry;

    public ReferenceCheck(@RestClient SecretReferencesClient registry) {
        this.registry = registry;
    }

    /** Completes when no integration references the secret; fails with 409 when some do, 503 when unknown. */
    public Uni<Void> requireUnreferenced(String entity, String secret) {
        return registry.references(entity, secret)
                .onFailure().transform(failure -> {
                    String reason = failure instanceof WebApplicationException web
                            ? "HTTP " + web.getResponse().getStatus()
                            : failure.getClass().getSimpleName();
                    Log.warnf("registry-service could not say whether secret '%s' of entity '%s' is referenced: %s",
                            secret, entity, reason);
                    return new ApiException(503, "UNAVAILABLE", "Cannot check whether an integration uses secret '"
                            + secret + "' (registry-service did not answer); nothing was deleted. Try again later.", null);
                })
                .invoke(references -> {
                    List<String> names = references == null || references.integrations() == null
                            ? null
                            : references.integrations();
                    if (names == null) {
                        throw new ApiException(503, "UNAVAILABLE", "registry-service gave no answer about secret '"
                                + secret + "'; nothing was deleted. Try again later.", null);
                    }
                    if (!names.isEmpty()) {
                        throw ApiException.conflict("Secret '" + secret + "' is used by integration(s) "
                                + String.join(", ", names) + "; remove it from them before deleting it.", "name");
                    }
                })
                .replaceWithVoid();
    }
}
