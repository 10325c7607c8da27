package ai.automations.trigger.action;

import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.common.header.internals.RecordHeaders;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.tracing.Tracing;
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
        return publish(requests, Map.of());
    }

    /**
     * Publishes {@code requests}; a request whose id has a {@code traceparent} in {@code traceparents} carries it
     * as the Kafka header of that name, so action-service continues the trace of the change that caused it.
     */
    public Uni<Void> publish(List<ActionRequest> requests, Map<String, String> traceparents) {
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
            OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata =
                    OutgoingKafkaRecordMetadata.<String> builder().withKey(request.automation().id());
            String traceparent = traceparents.get(request.id());
            if (traceparent != null) {
                metadata.withHeaders(new RecordHeaders().add(Tracing.TRACEPARENT,
                        traceparent.getBytes(StandardCharsets.UTF_8)));
            }
            Message<String> message = Message.of(json).addMetadata(metadata.build());
            sends.add(emitter.sendMessage(message)
                    .invoke(() -> request.event().eventType().ifPresent(metrics::fired)));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}
