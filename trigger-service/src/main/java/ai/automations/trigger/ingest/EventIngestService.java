package ai.automations.trigger.ingest;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.auth.Caller;
import ai.automations.common.auth.EntityPermissions;
import ai.automations.common.auth.Role;
import ai.automations.common.error.ApiException;
import ai.automations.trigger.TriggerConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Takes CloudEvents from an external ML platform: validates all of them, checks the caller is a MEMBER of each
 * event's entity, and publishes them to {@code automation.events} under the contract's key, answering only once the
 * broker has acknowledged every one. Nothing is published when any event is refused.
 */
@ApplicationScoped
public class EventIngestService {

    @Inject
    @Channel("ingested-events")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<String> emitter;

    private final CloudEventValidator validator;
    private final TriggerConfig config;

    public EventIngestService(CloudEventValidator validator, TriggerConfig config) {
        this.validator = validator;
        this.config = config;
    }

    /** The ids of the accepted events, in order. */
    public Uni<List<String>> ingest(JsonNode body, Caller caller) {
        List<CloudEventValidator.ValidEvent> events = new ArrayList<>();
        if (body == null || body.isNull()) {
            throw ApiException.badRequest("Send a CloudEvent or an array of CloudEvents.", null);
        }
        if (body.isArray()) {
            if (body.isEmpty()) {
                throw ApiException.badRequest("The array holds no event.", null);
            }
            if (body.size() > config.maxIngestBatch()) {
                throw ApiException.tooLarge("At most " + config.maxIngestBatch() + " events per call.");
            }
            for (int i = 0; i < body.size(); i++) {
                events.add(validator.validate(body.get(i), "[" + i + "]"));
            }
        } else {
            events.add(validator.validate(body, null));
        }
        for (CloudEventValidator.ValidEvent event : events) {
            EntityPermissions.require(caller, event.entity(), Role.MEMBER);
        }
        List<Uni<Void>> sends = new ArrayList<>(events.size());
        List<String> ids = new ArrayList<>(events.size());
        for (CloudEventValidator.ValidEvent event : events) {
            ids.add(event.event().id());
            sends.add(emitter.sendMessage(Message.of(event.json().toString())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(event.key()).build())));
        }
        return Uni.join().all(sends).andFailFast().replaceWith(ids);
    }
}
