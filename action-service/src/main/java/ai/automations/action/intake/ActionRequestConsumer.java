package ai.automations.action.intake;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

/**
 * Reads {@code automation.actions} in batches. Each batch is acknowledged only after its executions are committed to
 * PostgreSQL; delivery never happens on this path, so no endpoint can slow consumption down.
 */
@ApplicationScoped
public class ActionRequestConsumer {

    private final ActionRequestIntake intake;

    public ActionRequestConsumer(ActionRequestIntake intake) {
        this.intake = intake;
    }

    @Incoming("action-requests")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        return intake.accept(batch);
    }
}
