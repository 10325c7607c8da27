package ai.automations.common.event;

import java.time.OffsetDateTime;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event in structured JSON mode, the form every event takes on {@code automation.events},
 * in action requests and at the ingest endpoint. The {@code id} is the deduplication key downstream; {@code traceparent}
 * is the distributed-tracing extension: the W3C trace context of the change that caused the event, when traced.
 */
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        JsonNode data,
        @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public static CloudEvent of(String id, String source, EventType type, String subject, OffsetDateTime time, JsonNode data) {
        return of(id, source, type, subject, time, data, null);
    }

    /** An event carrying the CloudEvents distributed-tracing extension {@code traceparent} (null: none). */
    public static CloudEvent of(String id, String source, EventType type, String subject, OffsetDateTime time, JsonNode data,
            String traceparent) {
        return new CloudEvent(SPEC_VERSION, id, source, type.cloudEventType(), subject, time, JSON, data, traceparent);
    }

    public Optional<EventType> eventType() {
        return EventType.fromCloudEventType(type);
    }
}
