package ai.automations.action.secret;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.secret.SecretChange;
import ai.automations.common.tracing.KafkaTraces;
import ai.automations.common.tracing.TraceLogs;
import ai.automations.common.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.logging.Log;

/**
 * Drops cached secret values when secrets-service announces a rotation or deletion. Every instance reads every
 * notice (its own consumer group), since each holds its own cache. A notice written during a traced request (its
 * {@code traceparent} header) is handled under a CONSUMER span of that trace, its log lines carrying the ids.
 */
@ApplicationScoped
public class SecretChangeConsumer {

    private static final String TOPIC = "automation.secrets.changes";

    private final SecretValues secrets;
    private final ObjectMapper json;
    private final Tracing tracing;

    public SecretChangeConsumer(SecretValues secrets, ObjectMapper json, Tracing tracing) {
        this.secrets = secrets;
        this.json = json;
        this.tracing = tracing;
    }

    @Incoming("secret-changes")
    public void onChange(ConsumerRecord<String, String> record) {
        String parent = KafkaTraces.traceparent(record.headers());
        Span span = parent == null ? Span.getInvalid() : tracing.start("receive " + TOPIC, SpanKind.CONSUMER, parent);
        try (TraceLogs logs = TraceLogs.of(span)) {
            span.setAttribute("messaging.system", "kafka");
            span.setAttribute("messaging.destination.name", TOPIC);
            drop(record.value());
        } finally {
            span.end();
        }
    }

    private void drop(String notice) {
        try {
            SecretChange change = json.readValue(notice, SecretChange.class);
            if (change.entity() == null || change.name() == null) {
                throw new IllegalArgumentException("entity and name are required");
            }
            secrets.invalidate(change.entity(), change.name());
            Log.debugf("Secret %s/%s changed (version %s, deleted %s); cached value dropped", change.entity(),
                    change.name(), change.version(), change.deleted());
        } catch (Exception e) {
            Log.warnf("Unreadable secret change notice (%s); dropping every cached secret value", e.getClass().getSimpleName());
            secrets.invalidateAll();
        }
    }
}
