package ai.automations.trigger.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.auth.Caller;
import ai.automations.common.auth.EntityPermissions;
import ai.automations.common.auth.Role;
import ai.automations.common.tracing.Tracing;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Takes CloudEvents from an external ML platform, already read and validated from whichever HTTP content mode they
 * came in: checks the caller is a MEMBER of each event's entity, and publishes them to {@code automation.events} in
 * structured mode under the contract's key, answering only once the broker has acknowledged every one. Nothing is
 * published when any event is refused.
 */
@ApplicationScoped
public class EventIngestService {

    /** The Kafka structured-mode content type, as registry-service's outbox writes it. */
    static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    @Inject
    @Channel("ingested-events")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<String> emitter;

    /** The ids of the accepted events, in order. */
    public Uni<List<String>> ingest(List<CloudEventValidator.ValidEvent> events, Caller caller) {
        for (CloudEventValidator.ValidEvent event : events) {
            EntityPermissions.require(caller, event.entity(), Role.MEMBER);
        }
        List<Uni<Void>> sends = new ArrayList<>(events.size());
        List<String> ids = new ArrayList<>(events.size());
        String request = Tracing.currentTraceparent();
        for (CloudEventValidator.ValidEvent event : events) {
            ids.add(event.event().id());
            RecordHeaders headers = new RecordHeaders();
            headers.add("content-type", STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            sends.add(emitter.sendMessage(Message.of(traced(event.json(), event.event().traceparent(), request))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(event.key())
                            .withHeaders(headers).build())));
        }
        return Uni.join().all(sends).andFailFast().replaceWith(ids);
    }

    /**
     * The event as published: an event that carries the CloudEvents {@code traceparent} extension keeps it (it names
     * where the event began); any other continues the trace of the ingest request (whose span is the child of the
     * caller's {@code traceparent} header), so evaluation and delivery join the caller's trace.
     */
    private static String traced(JsonNode json, String own, String request) {
        if (own == null && request != null && json instanceof ObjectNode object) {
            object.put(Tracing.TRACEPARENT, request);
        }
        return json.toString();
    }
}
