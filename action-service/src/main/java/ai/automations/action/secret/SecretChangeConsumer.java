package ai.automations.action.secret;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.secret.SecretChange;
import io.quarkus.logging.Log;

/**
 * Drops cached secret values when secrets-service announces a rotation or deletion. Every instance reads every
 * notice (its own consumer group), since each holds its own cache.
 */
@ApplicationScoped
public class SecretChangeConsumer {

    private final SecretValues secrets;
    private final ObjectMapper json;

    public SecretChangeConsumer(SecretValues secrets, ObjectMapper json) {
        this.secrets = secrets;
        this.json = json;
    }

    @Incoming("secret-changes")
    public void onChange(String notice) {
        try {
            SecretChange change = json.readValue(notice, SecretChange.class);
            if (change.entity() == null || change.name() == null) {
                throw new IllegalArgumentException("entity and name are required");
            }
            secrets.invalidate(change.entity(), change.name());
            Log.debugf("Secret %s/%s changed (version %s, deleted %s); cached value dropped", change.entity(),
                    change.name(), change.version(), change.deleted());
        } catch (Exception e) {
            Log.warnf("Unreadable secret change notice (%s); dropping every cached secret value", e.getClass().getSimpleName());
            secrets.invalidateAll();
        }
    }
}
