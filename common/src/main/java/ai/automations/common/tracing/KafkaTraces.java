package ai.automations.common.tracing;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The {@code traceparent} header of Kafka records, the one way a trace crosses a topic: set where a record is built,
 * read where it is consumed. Kept apart from {@link Tracing} so that only code that handles records needs the Kafka
 * client on its class path.
 */
public final class KafkaTraces {

    private KafkaTraces() {
    }

    /** Adds {@code traceparent} to {@code headers} (replacing one already there); nothing when it is null. */
    public static Headers add(Headers headers, String traceparent) {
        if (traceparent != null) {
            headers.remove(Tracing.TRACEPARENT);
            headers.add(Tracing.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** The record's {@code traceparent} header, or null when it has none. */
    public static String traceparent(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(Tracing.TRACEPARENT);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
