package ai.automations.secrets.change;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.event.Topics;
import ai.automations.common.outbox.OutboxRelay;
import ai.automations.common.outbox.OutboxWriter;
import ai.automations.common.secret.SecretChange;
import io.smallrye.mutiny.Uni;

/**
 * Change notices on {@code automation.secrets.changes} go through common's transactional outbox: a notice is written
 * in the same transaction as the create, rotate or delete it announces and published right after the commit, or by
 * the outbox sweep if that fails or the process dies first. At least once, in commit order per secret (key
 * {@code entity/name}); consumers treat a notice as "drop your cache", so a repeat is harmless.
 */
@ApplicationScoped
public class SecretChangeOutbox {

    private static final String CONTENT_TYPE = "application/json";

    private final OutboxWriter writer;
    private final OutboxRelay relay;
    private final ObjectMapper mapper;

    public SecretChangeOutbox(OutboxWriter writer, OutboxRelay relay, ObjectMapper mapper) {
        this.writer = writer;
        this.relay = relay;
        this.mapper = mapper;
    }

    /** Queues a notice; call inside the transaction of the change it announces. */
    public Uni<Void> enqueue(SecretChange change) {
        return writer.append(Topics.SECRET_CHANGES, change.key(), json(change), CONTENT_TYPE);
    }

    /** Publishes what is pending in the background, after the commit: the caller never waits for Kafka. */
    public void publishSoon() {
        relay.kick();
    }

    private String json(SecretChange change) {
        try {
            return mapper.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A change notice could not be written as JSON", e);
        }
    }
}
