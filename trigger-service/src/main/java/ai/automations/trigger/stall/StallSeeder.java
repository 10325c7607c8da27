package ai.automations.trigger.stall;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.AutomationScope.ScopeType;
import ai.automations.trigger.definition.AutomationIndex;
import ai.automations.trigger.evaluation.AutomationEvaluator;
import ai.automations.trigger.evaluation.CompiledAutomation;
import ai.automations.trigger.evaluation.Trace;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Watches the runs that were already RUNNING when a RUN_STALLED automation was created (or changed): once per
 * automation version ({@code updatedAt}), the runs {@link StallStore#running} noted in its scope that its run filters
 * and {@code where} accept are armed with the deadline {@code minutes} after the check that first saw the version
 * (at most one stall check interval after its creation). Arming leaves deadlines already armed alone, so a run that
 * logs history or became RUNNING meanwhile keeps its own; the version is then marked done in the database, so a restart
 * does not arm its runs again.
 */
@ApplicationScoped
public class StallSeeder {

    private final StallStore store;
    private final EndOffsets ends;
    private final ObjectMapper mapper;
    private final Set<String> done = ConcurrentHashMap.newKeySet();

    public StallSeeder(StallStore store, EndOffsets ends, ObjectMapper mapper) {
        this.store = store;
        this.ends = ends;
        this.mapper = mapper;
    }

    /** Arms the RUNNING runs of every RUN_STALLED automation version not seeded yet; how many deadlines it wrote. */
    public Uni<Integer> seed(AutomationIndex index, Instant now) {
        List<CompiledAutomation> fresh = index.stallAutomations().stream().filter(a -> !done.contains(key(a))).toList();
        if (fresh.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return store.seeded(fresh.stream().map(CompiledAutomation::id).toList(),
                fresh.stream().map(StallSeeder::version).toList())
                .chain(already -> {
                    done.addAll(already);
                    List<CompiledAutomation> todo = fresh.stream().filter(a -> !already.contains(key(a))).toList();
                    return Multi.createFrom().iterable(todo).onItem().transformToUniAndConcatenate(a -> seed(a, now))
                            .collect().in(() -> new int[1], (sum, n) -> sum[0] += n).map(sum -> sum[0]);
                });
    }

    private Uni<Integer> seed(CompiledAutomation automation, Instant now) {
        String project = automation.scope().type() == ScopeType.PROJECT ? automation.scope().project() : null;
        return store.runningIn(automation.entity(), project).chain(runs -> {
            List<Uni<StallRow>> rows = new ArrayList<>();
            for (StallStore.RunningRun run : runs) {
                if (AutomationEvaluator.runMetric(automation, run.run().entity(), run.run().project(), run.runName(),
                        run.user(), StallTracker.tags(tree(run.tags())), StallTracker.config(mapper, tree(run.config())),
                        Trace.OFF)) {
                    rows.add(ends.partitionOf(run.run().runId()).map(partition -> new StallRow(automation.id(),
                            run.run().entity(), run.run().project(), run.run().runId(), partition, StallRow.NO_HISTORY,
                            run.runName(), run.user(), now, now.plusMillis(automation.stallMillis()), run.tags(),
                            run.config())));
                }
            }
            Uni<List<StallRow>> armed = rows.isEmpty() ? Uni.createFrom().item(List.of())
                    : Uni.join().all(rows).andFailFast();
            return armed.call(store::arm)
                    .call(() -> store.markSeeded(automation.id(), version(automation), now))
                    .invoke(() -> done.add(key(automation)))
                    .invoke(list -> Log.debugf("Automation %s: %d run(s) already RUNNING are watched from %s",
                            automation.id(), list.size(), now))
                    .map(List::size);
        }).onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(3);
    }

    private JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String key(CompiledAutomation automation) {
        return automation.id() + "\n" + version(automation);
    }

    /** The automation's version: when it was last changed (created, when never changed). */
    static String version(CompiledAutomation automation) {
        AutomationDefinition definition = automation.definition();
        OffsetDateTime at = definition.updatedAt() != null ? definition.updatedAt() : definition.createdAt();
        return at == null ? "-" : at.toInstant().toString();
    }
}
