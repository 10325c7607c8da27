package ai.automations.trigger.stall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.trigger.definition.AutomationIndex;
import ai.automations.trigger.evaluation.AutomationEvaluator;
import ai.automations.trigger.evaluation.CompiledAutomation;
import ai.automations.trigger.evaluation.Trace;
import io.smallrye.mutiny.Uni;

/**
 * Feeds the RUN_STALLED deadlines: history read from {@code automation.run-metrics} arms them (the metric consumer
 * collects a batch's runs with {@link #collector()} and {@link #arm} stores them before the batch is checkpointed), and
 * a run that finishes, fails, crashes or is killed ({@code RUN_STATE} on {@code automation.events}) drops them.
 * Only runs in a scope some RUN_STALLED automation covers cost anything: a batch in other entities writes nothing.
 */
@ApplicationScoped
public class StallTracker {

    private final StallStore store;

    public StallTracker(StallStore store) {
        this.store = store;
    }

    /** A new collector for one batch of history. */
    public Collector collector(AutomationIndex index) {
        return new Collector(index);
    }

    /** Stores the deadlines a batch of history (read at {@code now}) arms, retried briefly on a database failure. */
    public Uni<Void> arm(Collector batch, Instant now) {
        List<StallRow> rows = batch.rows(now);
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.arm(rows).onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .atMost(5);
    }

    /**
     * The RUN_STATE events of a batch of {@code automation.events} applied to the deadlines: an ended run's go and
     * never come back; a run set RUNNING again may be armed again. Runs of entities without RUN_STALLED automations
     * are skipped.
     */
    public Uni<Void> runStates(AutomationIndex index, List<CloudEvent> events, Instant now) {
        List<StallStore.RunKey> ended = new ArrayList<>();
        List<StallStore.RunKey> resumed = new ArrayList<>();
        for (CloudEvent event : events) {
            if (event.eventType().orElse(null) != EventType.RUN_STATE || event.data() == null) {
                continue;
            }
            JsonNode data = event.data();
            String entity = data.path("entity").asText(null);
            String project = data.path("project").asText(null);
            String runId = data.path("runId").asText(null);
            String state = data.path("state").asText("");
            if (entity == null || project == null || runId == null || !index.hasStallAutomations(entity)) {
                continue;
            }
            StallStore.RunKey run = new StallStore.RunKey(entity, project, runId);
            switch (state) {
                case "FINISHED", "FAILED", "CRASHED", "KILLED" -> ended.add(run);
                case "RUNNING" -> resumed.add(run);
                default -> {
                }
            }
        }
        if (ended.isEmpty() && resumed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.resumed(resumed).chain(() -> store.ended(ended, now)).onFailure().retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5);
    }

    /** The runs of one batch of history whose scope a RUN_STALLED automation covers, with their last position. */
    public static final class Collector {
        private final AutomationIndex index;
        private final Map<String, Seen> runs = new LinkedHashMap<>();

        Collector(AutomationIndex index) {
            this.index = index;
        }

        /** Notes one point read at {@code partition}/{@code offset}; the last position of a run wins. */
        public void seen(int partition, long offset, RunMetricRecord point) {
            if (!index.hasStallAutomations(point.entity())) {
                return;
            }
            String key = point.entity() + '/' + point.project() + '/' + point.runId();
            Seen seen = runs.get(key);
            if (seen == null) {
                runs.put(key, new Seen(point, partition, offset));
            } else if (offset > seen.offset || partition != seen.partition) {
                seen.point = point;
                seen.partition = partition;
                seen.offset = offset;
            }
        }

        public boolean isEmpty() {
            return runs.isEmpty();
        }

        List<StallRow> rows(Instant now) {
            List<StallRow> rows = new ArrayList<>();
            for (Seen seen : runs.values()) {
                RunMetricRecord p = seen.point;
                for (CompiledAutomation a : index.stallCandidates(p.entity(), p.project())) {
                    if (AutomationEvaluator.runMetric(a, p.entity(), p.project(), p.runName(), p.user(), p.tags(), Trace.OFF)) {
                        rows.add(new StallRow(a.id(), p.entity(), p.project(), p.runId(), seen.partition, seen.offset,
                                p.runName(), p.user(), now, now.plusMillis(a.stallMillis())));
                    }
                }
            }
            return rows;
        }
    }

    private static final class Seen {
        RunMetricRecord point;
        int partition;
        long offset;

        Seen(RunMetricRecord point, int partition, long offset) {
            this.point = point;
            this.partition = partition;
            this.offset = offset;
        }
    }
}
