package ai.automations.action.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.automations.action.deadletter.DeadLetters;
import ai.automations.action.execution.Execution;
import ai.automations.action.execution.ExecutionRepository;
import ai.automations.action.execution.ExecutionRepository.Lease;
import ai.automations.action.execution.ExecutionsDue;
import ai.automations.action.outbound.IntegrationLanes;
import ai.automations.common.concurrent.CoalescingRunner;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Drives delivery from the persisted schedule. Due executions are claimed from PostgreSQL under a lease (a sweep runs
 * every {@code poll-interval}, at once when new work or a redelivery arrives, and when a retry falls due) and handed
 * to the {@link DeliveryWorker} without waiting for them: a slow integration only ever occupies its own lane, and the
 * sweep leaves the work of saturated lanes in the database. Dead letters that a crash kept from being published are
 * published again by a slower housekeeping round.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Duration HOUSEKEEPING = Duration.ofSeconds(10);
    /** How often rate-limit windows that limit nothing any more are deleted. */
    private static final Duration RATE_WINDOW_PURGE = Duration.ofHours(1);

    private final ExecutionRepository executions;
    private final DeliveryWorker worker;
    private final IntegrationLanes lanes;
    private final DeadLetters deadLetters;
    private final DeliveryMetrics metrics;
    private final DeliveryConfig config;
    private final Vertx vertx;
    private final InstantSource clock;
    private final String instanceId;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final CoalescingRunner sweeps = new CoalescingRunner(this::claimDue,
            failure -> Log.warnf("Could not claim due executions (%s); will try again", failure.getMessage()));
    private final AtomicLong wakeAtMillis = new AtomicLong(Long.MAX_VALUE);
    private volatile boolean running;
    private long pollTimer = -1;
    private long housekeepingTimer = -1;
    private volatile Instant lastRateWindowPurge = Instant.MIN;

    public DeliveryDispatcher(ExecutionRepository executions, DeliveryWorker worker, IntegrationLanes lanes,
            DeadLetters deadLetters, DeliveryMetrics metrics, DeliveryConfig config, Vertx vertx, InstantSource clock,
            @ConfigProperty(name = InstanceIdConfigSource.PROPERTY) String instanceId) {
        this.executions = executions;
        this.worker = worker;
        this.lanes = lanes;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> sweep());
        housekeepingTimer = vertx.setPeriodic(HOUSEKEEPING.toMillis(), id -> housekeeping());
        Log.infof("Delivery dispatcher started as %s", instanceId);
        sweep();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(housekeepingTimer);
    }

    /** A lease for executions this instance claims now. */
    public Lease newLease() {
        return new Lease(instanceId, UUID.randomUUID(),
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).plus(config.lease()));
    }

    /** Whether this instance may take on work for {@code lane} right away rather than leaving it to a later sweep. */
    public boolean hasRoomFor(String lane) {
        return running && inFlight.get() < config.maxInFlight() && !lanes.saturated().contains(lane);
    }

    /** Starts an execution this instance has claimed (with {@code token}); does not wait for it. */
    public void dispatch(Execution execution, UUID token) {
        inFlight.incrementAndGet();
        worker.attempt(execution, token).subscribe().with(next -> {
            inFlight.decrementAndGet();
            next.ifPresent(this::wakeAt);
        }, failure -> {
            inFlight.decrementAndGet();
            Log.warnf("Execution %s: attempt not recorded (%s); it is retried when its lease runs out", execution.id,
                    failure.getClass().getSimpleName());
        });
    }

    /** Sweeps for due work now (new executions were stored). */
    public void wake() {
        sweep();
    }

    void onDue(@Observes ExecutionsDue due) {
        sweep();
    }

    private void wakeAt(OffsetDateTime at) {
        long atMillis = at.toInstant().toEpochMilli();
        long delay = atMillis - clock.millis();
        if (delay <= 0) {
            sweep();
            return;
        }
        long current = wakeAtMillis.get();
        if (current > clock.millis() && current <= atMillis) {
            return;
        }
        if (wakeAtMillis.compareAndSet(current, atMillis)) {
            vertx.setTimer(delay + 5, id -> {
                wakeAtMillis.compareAndSet(atMillis, Long.MAX_VALUE);
                sweep();
            });
        }
    }

    private void sweep() {
        if (running) {
            sweeps.kick();
        }
    }

    /** One claim of due work; answers whether it filled its batch (more may be due right away). */
    private Uni<Boolean> claimDue() {
        int room = config.maxInFlight() - inFlight.get();
        if (!running || room <= 0) {
            return Uni.createFrom().item(false);
        }
        int limit = Math.min(config.claimBatch(), room);
        Lease lease = newLease();
        return executions.claimDue(lease, lanes.saturated(), limit).map(claimed -> {
            claimed.forEach(execution -> dispatch(execution, lease.token()));
            return claimed.size() == limit;
        });
    }

    private void housekeeping() {
        if (!running) {
            return;
        }
        executions.pendingCount().subscribe().with(metrics::pending, failure -> {
        });
        deadLetters.resendUnsent().subscribe().with(ignored -> {
        }, failure -> Log.warnf("Dead-letter resend failed (%s)", failure.getClass().getSimpleName()));
        Instant now = clock.instant();
        if (Duration.between(lastRateWindowPurge, now).compareTo(RATE_WINDOW_PURGE) >= 0) {
            lastRateWindowPurge = now;
            executions.purgeRateWindows().subscribe().with(
                    purged -> Log.debugf("Deleted %d rate-limit window(s) that limit nothing any more", purged),
                    failure -> Log.warnf("Deleting old rate-limit windows failed (%s)", failure.getClass().getSimpleName()));
        }
    }
}
