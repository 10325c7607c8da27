package ai.automations.registry.source;

import java.time.InstantSource;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Forgets old delivery keys so the deliveries table stays small. MLflow refuses its own deliveries after
 * {@link SourcesConfig#maxClockSkew()} anyway; a Hub replay older than {@link SourcesConfig#deliveryRetention()} is
 * applied again, which changes nothing that is still there (versions are keyed by sha, tags are added once).
 */
@ApplicationScoped
public class DeliveryRetention {

    private final Pool pool;
    private final SourcesConfig config;
    private final InstantSource clock;

    public DeliveryRetention(Pool pool, SourcesConfig config, InstantSource clock) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "source-delivery-retention", every = "1h", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> prune() {
        return pool.preparedQuery("DELETE FROM source_deliveries WHERE received_at < $1")
                .execute(Tuple.of(clock.instant().minus(config.deliveryRetention()).atOffset(ZoneOffset.UTC)))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        Log.debugf("forgot %d source delivery keys", rows.rowCount());
                    }
                })
                .replaceWithVoid();
    }
}
