package ai.automations.trigger.metric;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.commit.CheckpointStateStore;
import io.vertx.mutiny.core.Vertx;

/**
 * Makes the PostgreSQL window store available as {@code checkpoint.state-store=trigger-windows}. The store keeps no
 * state of its own beyond the shared beans it uses, so every consumer gets the same one.
 */
@ApplicationScoped
@Identifier("trigger-windows")
public class WindowCheckpointStoreFactory implements CheckpointStateStore.Factory {

    private final WindowCheckpointStore store;

    public WindowCheckpointStoreFactory(WindowCheckpointStore store) {
        this.store = store;
    }

    @Override
    public CheckpointStateStore create(KafkaConnectorIncomingConfiguration channel, Vertx vertx,
            KafkaConsumer<?, ?> consumer, Class<?> stateType) {
        return store;
    }
}
