package ai.automations.trigger.action;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.action.ActionRequest;
import ai.automations.trigger.TriggerMetrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Puts action requests on {@code automation.actions}, keyed by automation id. The returned Uni completes only once
 * the broker has acknowledged every request, so callers acknowledge their input after that and never before.
 */
@ApplicationScoped
public class ActionPublisher {

    @Inject
    @Channel("actions")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<String> emitter;

    private final ObjectMapper mapper;
    private final TriggerMetrics metrics;

    public ActionPublisher(ObjectMapper mapper, TriggerMetrics metrics) {
        this.mapper = mapper;
        this.metrics = metrics;
    }

    public Uni<Void> publish(List<ActionRequest> requests) {
        if (requests.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>(requests.size());
        for (ActionRequest request : requests) {
            String json;
            try {
                json = mapper.writeValueAsString(request);
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            Message<String> message = Message.of(json).addMetadata(OutgoingKafkaRecordMetadata.<String> builder()
                    .withKey(request.automation().id()).build());
            sends.add(emitter.sendMessage(message)
                    .invoke(() -> request.event().eventType().ifPresent(metrics::fired)));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}
