package ai.automations.trigger.metric;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.trigger.TriggerClock;
import ai.automations.trigger.TriggerConfig;
import ai.automations.trigger.TriggerMetrics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.commit.CheckpointStateStore;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/** Makes the PostgreSQL window store available as {@code checkpoint.state-store=trigger-windows}. */
@ApplicationScoped
@Identifier("trigger-windows")
public class WindowCheckpointStoreFactory implements CheckpointStateStore.Factory {

    private final Pool pool;
    private final MetricEngine engine;
    private final TriggerConfig config;
    private final TriggerClock clock;
    private final TriggerMetrics metrics;
    private final LiveWindows live;

    public WindowCheckpointStoreFactory(Pool pool, MetricEngine engine, TriggerConfig config, TriggerClock clock,
            TriggerMetrics metrics, LiveWindows live) {
        this.pool = pool;
        this.engine = engine;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.live = live;
    }

    @Override
    public CheckpointStateStore create(KafkaConnectorIncomingConfiguration channel, Vertx vertx,
            KafkaConsumer<?, ?> consumer, Class<?> stateType) {
        return new WindowCheckpointStore(pool, engine, config, clock, metrics, live);
    }
}
