package ai.automations.common.secret;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The notice secrets-service publishes on {@code automation.secrets.changes} (key {@code entity/name}) when a secret
 * is created, rotated or deleted, so that action-service drops any value it cached. It never carries a value.
 */
public record SecretChange(String entity, String name, int version, boolean deleted) {

    /** The Kafka record key: all notices of one secret land on one partition, in order. */
    @JsonIgnore
    public String key() {
        return entity + "/" + name;
    }
}
