package ai.automations.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Runs the relay's sweep periodically once the application (and its Kafka channels) runs: a sweep after a restart
 * publishes whatever the previous process committed and did not publish (a kill -9 between commit and publish).
 */
@ApplicationScoped
@IfBuildProperty(name = "automations.outbox.enabled", stringValue = "true")
public class OutboxSweep {

    private final OutboxRelay relay;

    public OutboxSweep(OutboxRelay relay) {
        this.relay = relay;
    }

    @Scheduled(identity = "outbox-sweep", every = "${automations.outbox.sweep-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return relay.sweep();
    }
}
