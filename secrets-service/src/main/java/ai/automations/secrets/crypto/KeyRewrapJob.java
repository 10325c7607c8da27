package ai.automations.secrets.crypto;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import ai.automations.secrets.config.SecretsConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Finishes a KEK rotation: re-wraps, batch by batch, the data keys still wrapped by a previous KEK with the current
 * one. Values are not re-encrypted (their data keys do not change), so this is cheap; once no row names an old KEK id,
 * that KEK can be removed from {@code automations.secrets.database.previous-keks}.
 */
@ApplicationScoped
public class KeyRewrapJob {

    private static final int BATCH = 100;

    private final SecretsConfig config;
    private final Instance<DatabaseValueStore> store;
    private final SecretValueRowRepository rows;

    public KeyRewrapJob(SecretsConfig config, Instance<DatabaseValueStore> store, SecretValueRowRepository rows) {
        this.config = config;
        this.store = store;
        this.rows = rows;
    }

    @Scheduled(identity = "kek-rewrap", every = "${automations.secrets.database.rewrap-interval:10m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        if (config.backend() != SecretsConfig.Backend.DATABASE || !config.database().rewrap()) {
            return Uni.createFrom().voidItem();
        }
        return rewrapAll().invoke(count -> {
            if (count > 0) {
                Log.infof("Re-wrapped %d data keys with KEK '%s'", count, store.get().ring().currentId());
            }
        }).replaceWithVoid();
    }

    /** Re-wraps every data key not wrapped by the current KEK; the number re-wrapped. */
    public Uni<Integer> rewrapAll() {
        return pass(0L, 0);
    }

    private Uni<Integer> pass(long afterId, int done) {
        DatabaseValueStore database = store.get();
        return Panache.withTransaction(() -> rows.wrappedByOtherThan(database.ring().currentId(), afterId, BATCH)
                .map(batch -> new Batch(batch, (int) batch.stream().filter(database::rewrap).count())))
                .chain(batch -> batch.rows().size() < BATCH
                        ? Uni.createFrom().item(done + batch.rewrapped())
                        : pass(batch.rows().get(batch.rows().size() - 1).id, done + batch.rewrapped()));
    }

    private record Batch(List<SecretValueRow> rows, int rewrapped) {
    }
}
