package ai.automations.action.deadletter;

import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.action.execution.Execution;
import ai.automations.action.execution.ExecutionRepository;
import ai.automations.common.tracing.KafkaTraces;
import ai.automations.common.tracing.Tracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Everything about {@code automation.actions.dlq}: publishing a letter (the Uni completes once Kafka has it), the
 * letter of a failed execution (marked sent once published), and publishing again the letters a crash kept from
 * being sent.
 */
@ApplicationScoped
public class DeadLetters {

    /** A failure younger than this may still be published by the attempt that recorded it. */
    private static final Duration GRACE = Duration.ofMinutes(1);
    private static final int RESEND_BATCH = 100;

    /** The dead-letter topic. */
    public static final String TOPIC = "automation.actions.dlq";

    /** Letters published to the DLQ; on /q/metrics {@code automations_dead_letters_total}, whose growth alerts. */
    public static final String PUBLISHED = "automations.dead.letters";

    private final MutinyEmitter<String> emitter;
    private final ExecutionRepository executions;
    private final InstantSource clock;
    private final ObjectMapper json;
    private final Counter published;
    private final Tracing tracing;

    public DeadLetters(@Channel("action-dlq") MutinyEmitter<String> emitter, ExecutionRepository executions,
            InstantSource clock, ObjectMapper json, MeterRegistry metrics, Tracing tracing) {
        this.tracing = tracing;
        this.emitter = emitter;
        this.executions = executions;
        this.clock = clock;
        this.json = json;
        this.published = Counter.builder(PUBLISHED).description("Dead letters Kafka acknowledged on automation.actions.dlq")
                .register(metrics);
    }

    public Uni<Void> publish(String key, DeadLetter letter) {
        return publish(key, letter, null);
    }

    /**
     * Publishes a letter; one that belongs to a trace ({@code traceparent}: the execution's, or the unusable record's)
     * is published under a PRODUCER span of it and carries that span as its {@code traceparent} header, so whoever
     * reads the dead-letter topic can continue the trace.
     */
    public Uni<Void> publish(String key, DeadLetter letter, String traceparent) {
        String value;
        try {
            value = json.writeValueAsString(letter);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Span span = traceparent == null ? Span.getInvalid()
                : tracing.start("publish " + TOPIC, SpanKind.PRODUCER, traceparent);
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key);
        String own = Tracing.traceparent(span);
        if (own != null || traceparent != null) {
            span.setAttribute("messaging.system", "kafka");
            span.setAttribute("messaging.destination.name", TOPIC);
            metadata.withHeaders(KafkaTraces.add(new RecordHeaders(), own == null ? traceparent : own));
        }
        return emitter.sendMessage(Message.of(value).addMetadata(metadata.build()))
                .invoke(() -> published.increment())
                .onTermination().invoke((ok, failure, cancelled) -> span.end());
    }

    /** Publishes the dead letter of a failed execution and marks it sent; a failure leaves it for {@link #resendUnsent}. */
    public Uni<Void> publishFor(Execution execution) {
        JsonNode request;
        try {
            request = json.readTree(execution.actionRequest);
        } catch (JsonProcessingException e) {
            request = null;
        }
        DeadLetter letter = new DeadLetter(execution.id.toString(), execution.requestId, execution.automationId,
                execution.reason, execution.attemptCount, execution.finishedAt, request, null);
        return publish(execution.automationId, letter, execution.traceparent)
                .flatMap(ignored -> executions.deadLetterSent(execution.id))
                .onFailure().invoke(e -> Log.warnf("Dead letter of execution %s not published yet (%s); will retry",
                        execution.id, e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    /** Publishes the letters of failures recorded a while ago whose publication did not happen (a crash came between). */
    public Uni<Void> resendUnsent() {
        OffsetDateTime before = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).minus(GRACE);
        return executions.unsentDeadLetters(before, RESEND_BATCH).flatMap(this::publishAll);
    }

    private Uni<Void> publishAll(List<Execution> letters) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Execution execution : letters) {
            chain = chain.flatMap(ignored -> publishFor(execution));
        }
        return chain;
    }
}
