package ai.automations.action.outbound;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;

/**
 * One lane per integration: at most {@code concurrency} calls in flight and {@code rate-per-second} calls started,
 * with the excess queued in that lane only. A slow or dead endpoint fills its own lane and never holds up calls to
 * another integration. Nothing here blocks a thread; queued calls start from the completion of earlier ones or from a
 * timer when the lane's rate budget refills.
 */
@ApplicationScoped
public class IntegrationLanes {

    private final Vertx vertx;
    private final int concurrency;
    private final double ratePerSecond;
    private final int maxQueued;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    @Inject
    public IntegrationLanes(Vertx vertx, OutboundConfig config) {
        this(vertx, config.perIntegration().concurrency(), config.perIntegration().ratePerSecond(),
                config.perIntegration().maxQueued());
    }

    IntegrationLanes(Vertx vertx, int concurrency, double ratePerSecond, int maxQueued) {
        this.vertx = vertx;
        this.concurrency = Math.max(1, concurrency);
        this.ratePerSecond = ratePerSecond;
        this.maxQueued = maxQueued;
    }

    /** Runs {@code call} in {@code lane} once the lane has room; the returned Uni completes with the call's result. */
    public <T> Uni<T> submit(String lane, Supplier<Uni<T>> call) {
        return Uni.createFrom().emitter(emitter -> {
            Task<T> task = new Task<>(call, emitter);
            Lane target = lanes.compute(lane, (key, existing) -> {
                Lane l = existing == null ? new Lane(key) : existing;
                l.enqueue(task);
                return l;
            });
            target.drain();
        });
    }

    /** Lanes whose queue is full: the sweep leaves their work in the database until they catch up. */
    public Set<String> saturated() {
        return lanes.values().stream().filter(l -> l.queued() >= maxQueued).map(l -> l.name).collect(Collectors.toSet());
    }

    /** Calls waiting in all lanes. */
    public int queued() {
        return lanes.values().stream().mapToInt(Lane::queued).sum();
    }

    /** Calls in flight in all lanes. */
    public int running() {
        return lanes.values().stream().mapToInt(Lane::running).sum();
    }

    private static final class Task<T> {
        private final Supplier<Uni<T>> call;
        private final UniEmitter<? super T> emitter;

        Task(Supplier<Uni<T>> call, UniEmitter<? super T> emitter) {
            this.call = call;
            this.emitter = emitter;
        }

        void start(Runnable done) {
            Uni<T> uni;
            try {
                uni = call.get();
            } catch (RuntimeException e) {
                done.run();
                emitter.fail(e);
                return;
            }
            uni.subscribe().with(item -> {
                done.run();
                emitter.complete(item);
            }, failure -> {
                done.run();
                emitter.fail(failure);
            });
        }
    }

    private final class Lane {
        private final String name;
        private final Deque<Task<?>> queue = new ArrayDeque<>();
        private int running;
        private double tokens;
        private long refilledAt = System.nanoTime();
        private boolean timerSet;

        Lane(String name) {
            this.name = name;
            this.tokens = Math.max(1, ratePerSecond);
        }

        synchronized void enqueue(Task<?> task) {
            queue.addLast(task);
        }

        synchronized int queued() {
            return queue.size();
        }

        synchronized int running() {
            return running;
        }

        void drain() {
            while (true) {
                Task<?> next;
                synchronized (this) {
                    if (running >= concurrency || queue.isEmpty()) {
                        return;
                    }
                    if (ratePerSecond > 0) {
                        refill();
                        if (tokens < 1) {
                            if (!timerSet) {
                                timerSet = true;
                                long waitMs = Math.max(1, (long) Math.ceil((1 - tokens) / ratePerSecond * 1000));
                                vertx.setTimer(waitMs, id -> {
                                    synchronized (this) {
                                        timerSet = false;
                                    }
                                    drain();
                                });
                            }
                            return;
                        }
                        tokens -= 1;
                    }
                    running++;
                    next = queue.pollFirst();
                }
                next.start(this::finished);
            }
        }

        private void finished() {
            synchronized (this) {
                running--;
            }
            drain();
            lanes.computeIfPresent(name, (key, lane) -> lane.idle() ? null : lane);
        }

        private synchronized boolean idle() {
            if (running > 0 || !queue.isEmpty() || timerSet) {
                return false;
            }
            refill();
            return ratePerSecond <= 0 || tokens >= Math.max(1, ratePerSecond);
        }

        private void refill() {
            long now = System.nanoTime();
            double burst = Math.max(1, ratePerSecond);
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * ratePerSecond);
            refilledAt = now;
        }
    }
}
