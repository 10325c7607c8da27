package ai.automations.common.concurrent;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Runs one asynchronous pass at a time and folds every {@link #kick()} that arrives while a pass is under way into
 * exactly one more pass after it. Work signalled by a kick (a commit, a timer, a freed slot) is therefore never
 * missed, and a burst of kicks costs one pass, not one per kick. This is the one "drain again if kicked while
 * draining" loop of the suite: the outbox relay uses it, and any other sweep-on-signal loop should.
 *
 * <p>A pass answers whether it left work behind (a full batch): then it runs again at once, kicked or not. A failed
 * pass is handed to the failure handler and does not run again unless it was kicked meanwhile. The next pass starts
 * on the thread that completed the previous one; passes are meant to do I/O, so a pass that completes synchronously
 * and keeps answering "more" would deepen the stack.
 */
public final class CoalescingRunner {

    private final Supplier<Uni<Boolean>> pass;
    private final Consumer<Throwable> onFailure;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean kicked = new AtomicBoolean();

    /**
     * @param pass one pass of work; its item says whether more work is waiting right now
     * @param onFailure what to do with a failed pass (typically log it: the next kick or sweep retries)
     */
    public CoalescingRunner(Supplier<Uni<Boolean>> pass, Consumer<Throwable> onFailure) {
        this.pass = pass;
        this.onFailure = onFailure;
    }

    /** Runs a pass now, or once more after the one under way. Never blocks; safe from any thread. */
    public void kick() {
        kicked.set(true);
        if (running.compareAndSet(false, true)) {
            start();
        }
    }

    /** Whether a pass is under way. */
    public boolean running() {
        return running.get();
    }

    private void start() {
        kicked.set(false);
        Uni<Boolean> next;
        try {
            next = pass.get();
        } catch (RuntimeException e) {
            next = Uni.createFrom().failure(e);
        }
        next.subscribe().with(more -> finish(Boolean.TRUE.equals(more)), failure -> {
            onFailure.accept(failure);
            finish(false);
        });
    }

    private void finish(boolean more) {
        running.set(false);
        if ((more || kicked.get()) && running.compareAndSet(false, true)) {
            start();
        }
    }
}
