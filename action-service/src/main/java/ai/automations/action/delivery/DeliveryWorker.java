package ai.automations.action.delivery;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.action.execution.Execution;
import io.smallrye.mutiny.Uni;

/**
 * One attempt of a claimed execution, start to end: {@link AttemptMaker} makes it, {@link AttemptRecorder} records it.
 * Secret values live only in memory for the duration of the attempt; everything recorded is redacted.
 */
@ApplicationScoped
public class DeliveryWorker {

    private final AttemptMaker maker;
    private final AttemptRecorder recorder;

    public DeliveryWorker(AttemptMaker maker, AttemptRecorder recorder) {
        this.maker = maker;
        this.recorder = recorder;
    }

    /** Runs one attempt of {@code execution}, which {@code token} holds; completes with when the next one is due. */
    public Uni<Optional<OffsetDateTime>> attempt(Execution execution, UUID token) {
        return maker.make(execution, token).flatMap(report -> recorder.record(execution, token, report));
    }
}
