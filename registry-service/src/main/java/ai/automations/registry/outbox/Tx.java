package ai.automations.registry.outbox;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Runs service work in a database session. A write commits its changes and their outbox rows together, then kicks
 * the relay so the events leave at once; a failed write rolls everything back and publishes nothing.
 */
@ApplicationScoped
public class Tx {

    private final OutboxRelay relay;

    public Tx(OutboxRelay relay) {
        this.relay = relay;
    }

    public <T> Uni<T> write(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(relay::kick);
    }

    public <T> Uni<T> read(Supplier<Uni<T>> work) {
        return Panache.withSession(work);
    }
}
