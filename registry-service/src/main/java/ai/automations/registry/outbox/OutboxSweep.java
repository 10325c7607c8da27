package ai.automations.registry.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Runs the relay's sweep periodically, once the application (and its Kafka channels) has started; a sweep after a
 * restart publishes whatever the previous process committed and did not publish.
 */
@ApplicationScoped
public class OutboxSweep {

    private final OutboxRelay relay;
    private volatile boolean started;

    public OutboxSweep(OutboxRelay relay) {
        this.relay = relay;
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${automations.outbox.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return started ? relay.sweep() : Uni.createFrom().voidItem();
    }
}
