package ai.automations.trigger.event;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.event.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.KafkaMessageFactory;

/**
 * Reads a record of {@code automation.events} in either content mode of the CloudEvents Kafka binding. Structured
 * mode (the JSON event as the value, as registry-service's outbox and the ingest endpoint write it) is read as it
 * always was; a record with a {@code ce_specversion} header and no structured content type is binary mode (attributes
 * in {@code ce_*} headers, the data as the value) and is decoded by the CloudEvents SDK's Kafka binding into the same
 * event. Telling the two apart costs one header lookup per record.
 */
@ApplicationScoped
public class KafkaCloudEvents {

    static final String SPEC_VERSION_HEADER = "ce_specversion";
    static final String CONTENT_TYPE_HEADER = "content-type";
    private static final Pattern JSON = Pattern.compile("^(application|text)/([a-zA-Z0-9.+-]+\\+)?json(;.*)*$");

    private final ObjectMapper mapper;

    public KafkaCloudEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The record's event; {@code null} for a record without a value in structured mode (a tombstone). */
    public CloudEvent read(ConsumerRecord<?, byte[]> record) throws IOException {
        Headers headers = record.headers();
        if (headers.lastHeader(SPEC_VERSION_HEADER) == null || structured(headers)) {
            return record.value() == null ? null : mapper.readValue(record.value(), CloudEvent.class);
        }
        return binary(headers, record.value());
    }

    private static boolean structured(Headers headers) {
        Header contentType = headers.lastHeader(CONTENT_TYPE_HEADER);
        return contentType != null && new String(contentType.value(), java.nio.charset.StandardCharsets.UTF_8)
                .regionMatches(true, 0, "application/cloudevents", 0, "application/cloudevents".length());
    }

    private CloudEvent binary(Headers headers, byte[] value) throws IOException {
        io.cloudevents.CloudEvent event = KafkaMessageFactory.createReader(headers, value).toEvent();
        if (event.getSpecVersion() != SpecVersion.V1) {
            throw new IOException("specversion " + event.getSpecVersion() + " is not 1.0");
        }
        String contentType = event.getDataContentType();
        if (contentType != null && !JSON.matcher(contentType).matches()) {
            throw new IOException("datacontenttype " + contentType + " is not JSON");
        }
        JsonNode data = event.getData() == null ? null : mapper.readTree(event.getData().toBytes());
        return new CloudEvent(CloudEvent.SPEC_VERSION, event.getId(), event.getSource().toString(), event.getType(),
                event.getSubject(), event.getTime(), contentType == null ? CloudEvent.JSON : contentType, data,
                traceparent(event));
    }

    /** The CloudEvents distributed-tracing extension, when the producer set it. */
    private static String traceparent(io.cloudevents.CloudEvent event) {
        Object value = event.getExtension("traceparent");
        return value == null ? null : value.toString();
    }
}
