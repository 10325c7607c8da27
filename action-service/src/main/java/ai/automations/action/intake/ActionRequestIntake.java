package ai.automations.action.intake;

import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.action.deadletter.DeadLetter;
import ai.automations.action.deadletter.DeadLetters;
import ai.automations.action.delivery.DeliveryDispatcher;
import ai.automations.action.execution.Execution;
import ai.automations.action.execution.ExecutionRepository;
import ai.automations.action.execution.ExecutionRepository.Lease;
import ai.automations.action.execution.ExecutionStatus;
import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.ActionSpec.ActionType;
import ai.automations.common.tracing.KafkaTraces;
import ai.automations.common.tracing.TraceLogs;
import ai.automations.common.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Turns action requests from Kafka into PENDING executions. The insert is idempotent on the request id (the same
 * request twice makes one execution) and commits before the records are acknowledged; only then is the work handed
 * to the dispatcher, so a crash at any point leaves either an unacknowledged record or a persisted execution. A record
 * that is not a usable request goes to the dead-letter topic with the reason. A firing over its automation's rate
 * limit is decided in the insert's transaction and stored SKIPPED ({@code rate limited}), never handed over.
 */
@ApplicationScoped
public class ActionRequestIntake {

    private final ExecutionRepository executions;
    private final DeliveryDispatcher dispatcher;
    private final DeadLetters deadLetters;
    private final InstantSource clock;
    private final ObjectMapper json;
    private final Tracing tracing;

    public ActionRequestIntake(ExecutionRepository executions, DeliveryDispatcher dispatcher, DeadLetters deadLetters,
            InstantSource clock, ObjectMapper json, Tracing tracing) {
        this.tracing = tracing;
        this.executions = executions;
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.json = json;
    }

    /** Stores the records' requests; completes once they are persisted (or dead-lettered) and may be acknowledged. */
    public Uni<Void> accept(List<ConsumerRecord<String, String>> records) {
        Lease lease = dispatcher.newLease();
        List<Execution> candidates = new ArrayList<>();
        List<Uni<Void>> letters = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                Execution execution = toExecution(record.value());
                traced(execution, record);
                if (dispatcher.hasRoomFor(execution.lane)) {
                    execution.leaseOwner = lease.owner();
                    execution.leaseToken = lease.token();
                    execution.leaseUntil = lease.until();
                }
                candidates.add(execution);
            } catch (InvalidRequestException e) {
                String traceparent = KafkaTraces.traceparent(record.headers());
                try (TraceLogs logs = TraceLogs.of(traceparent)) {
                    Log.warnf("Unusable action request at %s-%d@%d: %s", record.topic(), record.partition(),
                            record.offset(), e.getMessage());
                }
                letters.add(deadLetters.publish(record.key(), new DeadLetter(null, null, record.key(),
                        "unusable action request: " + e.getMessage(), 0, now(), null, record.value()), traceparent));
            }
        }
        Uni<Void> deadLettered = letters.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(letters).andFailFast().replaceWithVoid();
        return deadLettered
                .flatMap(ignored -> executions.insertNew(candidates))
                .onFailure().invoke(e -> Log.warnf("Could not store action requests (%s); retrying", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .invoke(inserted -> handOver(candidates, inserted))
                .replaceWithVoid();
    }

    /**
     * Continues the trace of a request whose record carries a {@code traceparent} header: a CONSUMER span marks the
     * request's arrival, and the execution keeps its context so every delivery attempt becomes a child of it.
     */
    private void traced(Execution execution, ConsumerRecord<String, String> record) {
        String parent = KafkaTraces.traceparent(record.headers());
        if (parent == null) {
            return;
        }
        Span span = tracing.start("receive automation.actions", SpanKind.CONSUMER, parent);
        span.setAttribute("messaging.system", "kafka");
        span.setAttribute("messaging.destination.name", record.topic());
        span.setAttribute("automations.execution.id", execution.id.toString());
        span.setAttribute("automations.automation.id", execution.automationId);
        span.end();
        String own = Tracing.traceparent(span);
        execution.traceparent = own == null ? parent : own;
        execution.traceId = Tracing.traceId(execution.traceparent);
    }

    private void handOver(List<Execution> candidates, List<Execution> inserted) {
        if (inserted.size() < candidates.size()) {
            Log.debugf("%d repeated action request(s) ignored", candidates.size() - inserted.size());
        }
        boolean leftForSweep = false;
        for (Execution execution : inserted) {
            if (execution.status != ExecutionStatus.PENDING) {
                continue;
            }
            if (execution.leaseToken != null) {
                dispatcher.dispatch(execution, execution.leaseToken);
            } else {
                leftForSweep = true;
            }
        }
        if (leftForSweep) {
            dispatcher.wake();
        }
    }

    Execution toExecution(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException("the record has no value");
        }
        ActionRequest request;
        try {
            request = json.readValue(value, ActionRequest.class);
        } catch (Exception e) {
            throw new InvalidRequestException("not an action request (" + e.getClass().getSimpleName() + ")");
        }
        require(request.id(), "id", 64);
        if (request.automation() == null) {
            throw new InvalidRequestException("automation is missing");
        }
        require(request.automation().id(), "automation.id", 64);
        require(request.automation().entity(), "automation.entity", 128);
        if (request.automation().action() == null || request.automation().action().type() == null) {
            throw new InvalidRequestException("automation.action.type is missing");
        }
        if (request.event() == null) {
            throw new InvalidRequestException("event is missing");
        }
        require(request.event().id(), "event.id", 255);
        ActionType type = request.automation().action().type();
        String integration = request.automation().action().integration();
        if (type != ActionType.NO_OP) {
            require(integration, "automation.action.integration", 64);
        }
        Execution execution = new Execution();
        execution.id = UUID.randomUUID();
        execution.requestId = request.id();
        execution.webhookId = "msg_" + request.id().replace("-", "");
        execution.entity = request.automation().entity();
        execution.automationId = request.automation().id();
        execution.automationName = truncate(request.automation().name(), 255);
        execution.eventId = request.event().id();
        execution.eventType = request.event().eventType().map(Enum::name).orElse(truncate(request.event().type(), 64));
        execution.actionType = type;
        execution.integration = type == ActionType.NO_OP ? null : integration;
        execution.lane = execution.entity + "/" + (execution.integration == null ? "" : execution.integration);
        execution.status = ExecutionStatus.PENDING;
        execution.actionRequest = value;
        execution.createdAt = now();
        execution.nextAttemptAt = execution.createdAt;
        execution.rateLimit = request.automation().rateLimit();
        execution.firedAt = request.requestedAt() == null ? clock.instant() : request.requestedAt().toInstant();
        execution.request = request;
        return execution;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static void require(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field + " is missing");
        }
        if (value.length() > maxLength) {
            throw new InvalidRequestException(field + " is longer than " + maxLength + " characters");
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** The record cannot become an execution. */
    static class InvalidRequestException extends RuntimeException {
        InvalidRequestException(String message) {
            super(message, null, false, false);
        }
    }
}
