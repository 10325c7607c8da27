package ai.automations.trigger.stall;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunStalledEventData;
import ai.automations.trigger.TriggerConfig;
import ai.automations.trigger.TriggerMetrics;
import ai.automations.trigger.action.ActionPublisher;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.definition.CatalogEntry;
import ai.automations.trigger.evaluation.CompiledAutomation;
import ai.automations.trigger.metric.LiveWindows;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Fires RUN_STALLED: every {@code automations.trigger.stall-check-interval} it reads the persisted deadlines that
 * passed in the partitions of {@code automation.run-metrics} this instance owns (so with several instances each stall
 * has one owner, the one that reads the run's history), publishes one action request per stall, and only then
 * records the firing. A crash in between publishes it again with the same request id (the event id is a function of
 * the stall), which action-service executes once; a deadline that passed while the service was down fires at the
 * first check after the partition is assigned again and its history evaluated up to where it ended at the check before
 * ({@link EndOffsets}), so history logged meanwhile re-arms it first. The time is the one {@link InstantSource}.
 *
 * <p>Memory stays bounded whatever the backlog (100,000 runs stalling at once): due deadlines are read a page at a
 * time, and the next page is read only once the previous one's requests are acknowledged by the broker and recorded
 * as fired, one page after the other rather than nested, so only one page and its requests are ever held.
 */
@ApplicationScoped
public class StallSweeper {

    /** Deadlines read per query; a sweep reads pages until one is short. */
    static final int PAGE = 500;

    private final StallStore store;
    private final AutomationCatalog catalog;
    private final LiveWindows live;
    private final ActionPublisher publisher;
    private final ObjectMapper mapper;
    private final TriggerConfig config;
    private final InstantSource clock;
    private final TriggerMetrics metrics;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final EndOffsets ends;
    private final StallSeeder seeder;
    private final Map<Integer, Long> endsAtLastCheck = new ConcurrentHashMap<>();
    private Instant lastPurge = Instant.MIN;

    public StallSweeper(StallStore store, AutomationCatalog catalog, LiveWindows live, ActionPublisher publisher,
            ObjectMapper mapper, TriggerConfig config, InstantSource clock, TriggerMetrics metrics, EndOffsets ends,
            StallSeeder seeder) {
        this.ends = ends;
        this.seeder = seeder;
        this.metrics = metrics;
        this.store = store;
        this.catalog = catalog;
        this.live = live;
        this.publisher = publisher;
        this.mapper = mapper;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${automations.trigger.stall-check-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return sweep().replaceWithVoid().onFailure().recoverWithUni(failure -> {
            Log.warnf(failure, "Checking RUN_STALLED deadlines failed; the next check retries");
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Fires every stall whose deadline passed in the owned partitions; the number fired. One sweep at a time: a call
     * while one runs does nothing (answers 0).
     */
    public Uni<Integer> sweep() {
        if (!catalog.isReady() || !sweeping.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        int[] owned = live.ownedPartitions();
        if (owned.length == 0) {
            sweeping.set(false);
            metrics.stallChecked();
            return Uni.createFrom().item(0);
        }
        Instant now = clock.instant();
        int[] caughtUp = caughtUp(owned);
        return Uni.createFrom().deferred(() -> purge(now)
                .chain(() -> seeder.seed(catalog.index(), now).onFailure().recoverWithItem(failure -> {
                    // arming runs already RUNNING for a new automation must never hold back the due stalls
                    Log.warnf(failure, "Arming the RUNNING runs of new RUN_STALLED automations failed; the next check "
                            + "retries");
                    return 0;
                }))
                .chain(() -> caughtUp.length == 0 ? Uni.createFrom().item(0) : fireDue(caughtUp, now))
                .call(fired -> ends.of(owned).invoke(found -> {
                    endsAtLastCheck.clear();
                    endsAtLastCheck.putAll(found);
                })))
                .invoke(fired -> metrics.stallChecked())
                .eventually(() -> sweeping.set(false));
    }

    /**
     * The owned partitions whose history has been evaluated at least up to where the partition ended at the previous
     * check: a run that logged before then has had its deadline re-armed, so only a real stall is judged. Right after
     * start or a rebalance no partition qualifies until one check has read the end offsets.
     */
    private int[] caughtUp(int[] owned) {
        return java.util.Arrays.stream(owned).filter(p -> {
            Long end = endsAtLastCheck.get(p);
            return end != null && live.positionOf(p) >= end;
        }).toArray();
    }

    /**
     * Fires the due deadlines page by page: each page is read only after the previous one was published (acknowledged)
     * and recorded, and is released before the next is read; stops after a short page. The number fired.
     */
    private Uni<Integer> fireDue(int[] owned, Instant now) {
        AtomicBoolean more = new AtomicBoolean();
        return Uni.createFrom().deferred(() -> store.due(owned, now, PAGE)
                .invoke(due -> more.set(due.size() == PAGE))
                .chain(due -> fire(due, now)))
                .repeat().whilst(fired -> more.get())
                .collect().in(() -> new int[1], (sum, fired) -> sum[0] += fired)
                .map(sum -> sum[0]);
    }

    private Uni<Integer> fire(List<StallRow> due, Instant now) {
        if (due.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<StallRow> firing = new ArrayList<>();
        List<ActionRequest> requests = new ArrayList<>();
        Uni<Void> housekeeping = Uni.createFrom().voidItem();
        OffsetDateTime requestedAt = now.atOffset(ZoneOffset.UTC);
        for (StallRow row : due) {
            CatalogEntry entry = catalog.find(row.automationId()).orElse(null);
            CompiledAutomation automation = entry == null ? null : entry.compiled();
            if (automation == null || entry.problem() != null || !entry.definition().enabled()
                    || automation.type() != EventType.RUN_STALLED || !stillWatched(automation, row, mapper)) {
                housekeeping = housekeeping.chain(() -> store.drop(row));
                continue;
            }
            Instant deadline = row.lastHistoryAt().plusMillis(automation.stallMillis());
            if (deadline.isAfter(now)) {
                housekeeping = housekeeping.chain(() -> store.reschedule(row, deadline));
                continue;
            }
            firing.add(row);
            requests.add(ActionRequest.of(automation.definition(), event(automation, row), requestedAt));
            Log.debugf("Automation %s: run %s/%s/%s logged no history since %s", row.automationId(), row.entity(),
                    row.project(), row.runId(), row.lastHistoryAt());
        }
        return housekeeping.chain(() -> publisher.publish(requests)).chain(() -> store.fired(firing, now))
                .invoke(() -> firing.forEach(f -> metrics.fired(EventType.RUN_STALLED)))
                .replaceWith(firing.size());
    }

    /**
     * The RUN_STALLED CloudEvent of one stall (id and time fixed by the stall, so a repeat is the same event); its
     * subject is the run's path {@code entity/project/runId}, as on RUN_STATE events.
     */
    public CloudEvent event(CompiledAutomation automation, StallRow row) {
        RunStalledEventData data = new RunStalledEventData(row.entity(), row.project(), row.runId(), row.runName(),
                row.user(), (int) (automation.stallMillis() / 60_000), row.lastHistoryAt().atOffset(ZoneOffset.UTC),
                automation.definition().event().filter(), tags(mapper, row), config(mapper, row));
        String subject = row.entity() + '/' + row.project() + '/' + row.runId();
        return CloudEvent.of(row.eventId(), config.eventSource(), EventType.RUN_STALLED, subject,
                row.lastHistoryAt().plusMillis(automation.stallMillis()).atOffset(ZoneOffset.UTC),
                mapper.valueToTree(data));
    }

    /** Fired deadlines and ended-run marks older than a week go, at most once an hour. */
    private Uni<Void> purge(Instant now) {
        if (Duration.between(lastPurge, now).compareTo(Duration.ofHours(1)) < 0) {
            return Uni.createFrom().voidItem();
        }
        lastPurge = now;
        return store.purge(now.minus(Duration.ofDays(7))).replaceWithVoid();
    }

    /**
     * Whether the automation still covers the stalled run: scope, {@code runNameRegex}, {@code user} and {@code where}
     * on the tags and config the deadline keeps (the automation may have changed since it was armed).
     */
    private static boolean stillWatched(CompiledAutomation automation, StallRow row, ObjectMapper mapper) {
        return automation.scopeCoversRun(row.entity(), row.project()) && automation.acceptsRun(row.runName(), row.user())
                && automation.whereAcceptsRun(row.runName(), row.user(), tags(mapper, row), config(mapper, row));
    }

    @SuppressWarnings("unchecked")
    private static List<String> tags(ObjectMapper mapper, StallRow row) {
        return row.tags() == null ? null : read(mapper, row.tags(), List.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(ObjectMapper mapper, StallRow row) {
        return row.config() == null ? null : read(mapper, row.config(), Map.class);
    }

    private static <T> T read(ObjectMapper mapper, String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            Log.warnf("A RUN_STALLED deadline holds unreadable JSON (%s); read as none", e.getOriginalMessage());
            return null;
        }
    }
}
