package ai.automations.registry.integration;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import ai.automations.common.error.ApiException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Checks with secrets-service that the secrets an integration names exist in its entity. */
@ApplicationScoped
public class SecretChecker {

    /** A secret an integration names, with the request field that names it. */
    public record SecretField(String field, String name) {
    }

    private final SecretsClient secrets;

    public SecretChecker(@RestClient SecretsClient secrets) {
        this.secrets = secrets;
    }

    /** Fails with 422 naming the first secret that does not exist, or 503 when secrets-service cannot answer. */
    public Uni<Void> requireAll(String entity, List<SecretField> fields) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SecretField f : fields) {
            chain = chain.chain(() -> exists(entity, f.name()).invoke(exists -> {
                if (!exists) {
                    throw ApiException.unprocessable("Secret '" + f.name() + "' does not exist in entity '" + entity
                            + "'; create it first.", f.field());
                }
            })).replaceWithVoid();
        }
        return chain;
    }

    private Uni<Boolean> exists(String entity, String name) {
        return secrets.metadata(entity, name).replaceWith(true)
                .onFailure(WebApplicationException.class).recoverWithUni(e -> {
                    int status = ((WebApplicationException) e).getResponse().getStatus();
                    if (status == 404) {
                        return Uni.createFrom().item(false);
                    }
                    return Uni.createFrom().failure(unavailable(status));
                })
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> {
                    Log.warnf("secrets-service could not be asked about a secret of '%s': %s", entity, e.getMessage());
                    return unavailable(0);
                });
    }

    private static ApiException unavailable(int status) {
        return new ApiException(503, "UNAVAILABLE", "secrets-service could not confirm the secrets"
                + (status > 0 ? " (HTTP " + status + ")" : "") + "; try again.", null);
    }
}
