package ai.automations.trigger.stall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.trigger.definition.AutomationIndex;
import ai.automations.trigger.evaluation.AutomationEvaluator;
import ai.automations.trigger.evaluation.CompiledAutomation;
import ai.automations.trigger.evaluation.Trace;
import io.smallrye.mutiny.Uni;

/**
 * Feeds the RUN_STALLED deadlines: a run set RUNNING (created or resumed: {@code RUN_STATE} on
 * {@code automation.events}) arms them, history read from {@code automation.run-metrics} re-arms them (the metric
 * consumer collects a batch's runs with {@link #collector()} and {@link #arm} stores them before the batch is
 * checkpointed), and a run that finishes, fails, crashes or is killed drops them.
 * Only runs in a scope some RUN_STALLED automation covers cost anything on the history path: a batch in other
 * entities writes nothing. RUN_STATE events (one per run start or end) are noted for every run
 * ({@link StallStore#running}), so that a RUN_STALLED automation created later watches the runs already RUNNING.
 * Deadlines keep the run's tags and config (JSON text) for the automation's {@code where} and the event.
 */
@ApplicationScoped
public class StallTracker {

    private final StallStore store;
    private final EndOffsets ends;
    private final ObjectMapper mapper;

    public StallTracker(StallStore store, EndOffsets ends, ObjectMapper mapper) {
        this.store = store;
        this.ends = ends;
        this.mapper = mapper;
    }

    /** A new collector for one batch of history. */
    public Collector collector(AutomationIndex index) {
        return new Collector(index, mapper);
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
     * The RUN_STATE events of a batch of {@code automation.events} applied to the deadlines: a run that ended in the
     * batch (finished, failed, crashed, killed) loses its deadlines and is marked ended; a run whose last state in the
     * batch is RUNNING (created or resumed) is unmarked and armed at {@code now} for the RUN_STALLED automations whose
     * scope, run filters and {@code where} accept it, so a run that never logs anything stalls too (its history re-arms
     * it later). Runs of entities without RUN_STALLED automations are skipped.
     */
    public Uni<Void> runStates(AutomationIndex index, List<CloudEvent> events, Instant now) {
        Set<StallStore.RunKey> ended = new LinkedHashSet<>();
        Map<StallStore.RunKey, JsonNode> running = new LinkedHashMap<>();
        Set<StallStore.RunKey> allEnded = new LinkedHashSet<>();
        Map<StallStore.RunKey, JsonNode> allRunning = new LinkedHashMap<>();
        for (CloudEvent event : events) {
            if (event.eventType().orElse(null) != EventType.RUN_STATE || event.data() == null) {
                continue;
            }
            JsonNode data = event.data();
            String entity = data.path("entity").asText(null);
            String project = data.path("project").asText(null);
            String runId = data.path("runId").asText(null);
            if (entity == null || project == null || runId == null) {
                continue;
            }
            StallStore.RunKey run = new StallStore.RunKey(entity, project, runId);
            boolean watched = index.hasStallAutomations(entity);
            switch (data.path("state").asText("")) {
                case "FINISHED", "FAILED", "CRASHED", "KILLED" -> {
                    allEnded.add(run);
                    allRunning.remove(run);
                    if (watched) {
                        ended.add(run);
                        running.remove(run);
                    }
                }
                case "RUNNING" -> {
                    allEnded.remove(run);
                    allRunning.put(run, data);
                    if (watched) {
                        running.put(run, data);
                    }
                }
                default -> {
                }
            }
        }
        if (allEnded.isEmpty() && allRunning.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<StallStore.RunningRun> started = new ArrayList<>(allRunning.size());
        allRunning.forEach((run, data) -> started.add(new StallStore.RunningRun(run, data.path("runName").asText(null),
                data.path("user").asText(null), json(data.get("tags"), false), json(data.get("config"), true))));
        return store.running(started, List.copyOf(allEnded), now)
                .chain(() -> ended.isEmpty() && running.isEmpty() ? Uni.createFrom().voidItem()
                        : store.ended(List.copyOf(ended), now).chain(() -> store.resumed(List.copyOf(running.keySet())))
                                .chain(() -> armRunning(index, running, now)))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5);
    }

    /** A tags array or config object as JSON text; null when absent, null, or (config) empty. */
    static String json(JsonNode node, boolean object) {
        if (node == null || !(object ? node.isObject() : node.isArray()) || object && node.isEmpty()) {
            return null;
        }
        return node.toString();
    }

    /**
     * Arms the deadlines of runs that are RUNNING (no history read yet: position {@link StallRow#NO_HISTORY} in the
     * partition their history will go to), unless a deadline is armed already.
     */
    private Uni<Void> armRunning(AutomationIndex index, Map<StallStore.RunKey, JsonNode> running, Instant now) {
        List<Uni<List<StallRow>>> rows = new ArrayList<>();
        running.forEach((run, data) -> {
            String runName = data.path("runName").asText(null);
            String user = data.path("user").asText(null);
            List<String> tags = tags(data.path("tags"));
            Map<String, Object> config = config(mapper, data.get("config"));
            String tagsJson = json(data.get("tags"), false);
            String configJson = json(data.get("config"), true);
            List<CompiledAutomation> watching = new ArrayList<>();
            for (CompiledAutomation a : index.stallCandidates(run.entity(), run.project())) {
                if (AutomationEvaluator.runMetric(a, run.entity(), run.project(), runName, user, tags, config,
                        Trace.OFF)) {
                    watching.add(a);
                }
            }
            if (!watching.isEmpty()) {
                rows.add(ends.partitionOf(run.runId()).map(partition -> watching.stream()
                        .map(a -> new StallRow(a.id(), run.entity(), run.project(), run.runId(), partition,
                                StallRow.NO_HISTORY, runName, user, now, now.plusMillis(a.stallMillis()), tagsJson,
                                configJson))
                        .toList()));
            }
        });
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(rows).andFailFast()
                .chain(lists -> store.arm(lists.stream().flatMap(List::stream).toList()));
    }

    /** A config object as a map (null when absent or not an object). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> config(ObjectMapper mapper, JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return mapper.convertValue(node, Map.class);
    }

    /** A config map as JSON text (null when none or empty). */
    static String json(ObjectMapper mapper, Map<String, Object> config) {
        if (config == null || config.isEmpty()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A tag list as JSON text (null when none). */
    static String json(ObjectMapper mapper, List<String> tags) {
        if (tags == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> tags(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> tags = new ArrayList<>(node.size());
        node.forEach(t -> tags.add(t.asText()));
        return tags;
    }

    /** The runs of one batch of history whose scope a RUN_STALLED automation covers, with their last position. */
    public static final class Collector {
        private final AutomationIndex index;
        private final ObjectMapper mapper;
        private final Map<String, Seen> runs = new LinkedHashMap<>();

        Collector(AutomationIndex index, ObjectMapper mapper) {
            this.index = index;
            this.mapper = mapper;
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
                String tags = null;
                String config = null;
                boolean written = false;
                for (CompiledAutomation a : index.stallCandidates(p.entity(), p.project())) {
                    if (AutomationEvaluator.runMetric(a, p.entity(), p.project(), p.runName(), p.user(), p.tags(),
                            p.config(), Trace.OFF)) {
                        if (!written) {
                            tags = json(mapper, p.tags());
                            config = json(mapper, p.config());
                            written = true;
                        }
                        rows.add(new StallRow(a.id(), p.entity(), p.project(), p.runId(), seen.partition, seen.offset,
                                p.runName(), p.user(), now, now.plusMillis(a.stallMillis()), tags, config));
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
