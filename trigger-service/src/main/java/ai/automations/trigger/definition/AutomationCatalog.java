package ai.automations.trigger.definition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.trigger.evaluation.CompiledAutomation;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Every automation definition this instance has read from {@code automation.definitions}, and the index built from
 * the enabled ones. It becomes ready once the whole topic, as it stood at start, has been read; events and metric
 * points wait for that, so that nothing is evaluated against a partial index.
 */
@ApplicationScoped
public class AutomationCatalog {

    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Map<String, CatalogEntry> entries = new HashMap<>();
    private volatile Map<String, CatalogEntry> snapshot = Map.of();
    private volatile AutomationIndex index = AutomationIndex.EMPTY;
    private long version;

    /** Replaces every definition (after reading the topic from its beginning). */
    public synchronized void replaceAll(Map<String, AutomationDefinition> definitions) {
        entries.clear();
        definitions.forEach((id, definition) -> entries.put(id, compile(definition)));
        publish();
    }

    /** Applies changes read from the topic: a null definition deletes the automation. */
    public synchronized void apply(Map<String, AutomationDefinition> changes) {
        if (changes.isEmpty()) {
            return;
        }
        changes.forEach((id, definition) -> {
            if (definition == null) {
                entries.remove(id);
            } else {
                entries.put(id, compile(definition));
            }
        });
        publish();
    }

    /** Marks the catalog as caught up with the topic: evaluation may begin. */
    public void markReady() {
        if (ready.complete(null)) {
            Log.infof("Automation index ready: %d automations, %d active", snapshot.size(), index.size());
        }
    }

    public boolean isReady() {
        return ready.isDone();
    }

    /** Completes once the catalog has caught up with the definitions topic. */
    public Uni<Void> awaitReady() {
        return ready.isDone() ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(ready);
    }

    public AutomationIndex index() {
        return index;
    }

    public Optional<CatalogEntry> find(String id) {
        return Optional.ofNullable(snapshot.get(id));
    }

    /** The number of known definitions, enabled or not. */
    public int size() {
        return snapshot.size();
    }

    private static CatalogEntry compile(AutomationDefinition definition) {
        CatalogEntry entry = CatalogEntry.of(definition);
        if (entry.problem() != null) {
            Log.warnf("Automation %s is not evaluated: %s", definition.id(), entry.problem());
        }
        return entry;
    }

    private void publish() {
        List<CompiledAutomation> active = new ArrayList<>();
        for (CatalogEntry entry : entries.values()) {
            if (entry.active()) {
                active.add(entry.compiled());
            }
        }
        snapshot = Map.copyOf(entries);
        index = AutomationIndex.of(++version, active);
    }
}
