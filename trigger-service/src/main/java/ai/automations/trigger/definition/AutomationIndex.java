package ai.automations.trigger.definition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.automations.common.automation.AutomationScope;
import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.EventType;
import ai.automations.trigger.evaluation.CompiledAutomation;

/**
 * An immutable snapshot of the enabled automations, indexed so that an event or metric point only ever looks at the
 * automations that could match it: by entity, event type and scope for artifact events, by entity and project for run
 * states, and by entity, project and metric name for run metrics. A new snapshot (with a new {@link #version()})
 * replaces the old one on every definition change.
 */
public final class AutomationIndex {

    public static final AutomationIndex EMPTY = new AutomationIndex(0, List.of());

    private static final CompiledAutomation[] NONE = new CompiledAutomation[0];
    /** Where RUN_METRIC_DIVERGED automations on every metric are kept (NUL: no metric name can be it). */
    private static final String ANY = "\u0000*";

    private final long version;
    private final int size;
    private final Map<String, EntityIndex> entities = new HashMap<>();
    private final List<CompiledAutomation> stalls = new ArrayList<>();

    private AutomationIndex(long version, Collection<CompiledAutomation> automations) {
        this.version = version;
        this.size = automations.size();
        for (CompiledAutomation automation : automations) {
            entities.computeIfAbsent(automation.entity(), e -> new EntityIndex()).add(automation);
            if (automation.type() == EventType.RUN_STALLED) {
                stalls.add(automation);
            }
        }
        entities.values().forEach(EntityIndex::freeze);
    }

    /** Indexes the given (enabled, valid) automations. */
    public static AutomationIndex of(long version, Collection<CompiledAutomation> automations) {
        return new AutomationIndex(version, automations);
    }

    public long version() {
        return version;
    }

    /** The number of indexed automations. */
    public int size() {
        return size;
    }

    /** Automations of this type whose scope may cover the event's collection, for {@code AutomationEvaluator}. */
    public List<CompiledAutomation> artifactCandidates(EventType type, ArtifactEventData data) {
        EntityIndex entity = data.entity() == null ? null : entities.get(data.entity());
        if (entity == null || data.collection() == null) {
            return List.of();
        }
        ArtifactScopes scopes = entity.artifact.get(type);
        if (scopes == null) {
            return List.of();
        }
        List<CompiledAutomation> out = new ArrayList<>();
        // CREATE_ARTIFACT automations are only ever on project collections (CompiledAutomation refuses other scopes)
        if (data.project() != null) {
            out.addAll(scopes.entity);
            out.addAll(scopes.byProject.getOrDefault(data.project(), List.of()));
            out.addAll(scopes.byProjectCollection.getOrDefault(key(data.project(), data.collection()), List.of()));
        } else if (data.registry() != null) {
            out.addAll(scopes.entity);
            out.addAll(scopes.byRegistry.getOrDefault(data.registry(), List.of()));
            out.addAll(scopes.byRegistryCollection.getOrDefault(key(data.registry(), data.collection()), List.of()));
        }
        return out;
    }

    /** RUN_STATE automations whose scope covers a run of {@code entity}/{@code project} (filters not yet applied). */
    public List<CompiledAutomation> runStateCandidates(String entity, String project) {
        EntityIndex index = entity == null ? null : entities.get(entity);
        if (index == null) {
            return List.of();
        }
        List<CompiledAutomation> out = new ArrayList<>(index.runStateEntity);
        if (project != null) {
            out.addAll(index.runStateByProject.getOrDefault(project, List.of()));
        }
        return out;
    }

    /** Whether any RUN_STALLED automation listens in {@code entity} (one lookup: most history costs nothing more). */
    public boolean hasStallAutomations(String entity) {
        EntityIndex index = entity == null ? null : entities.get(entity);
        return index != null && index.stallCount > 0;
    }

    /** Every RUN_STALLED automation of the index. */
    public List<CompiledAutomation> stallAutomations() {
        return stalls;
    }

    /** RUN_STALLED automations whose scope covers a run of {@code entity}/{@code project} (filters not yet applied). */
    public List<CompiledAutomation> stallCandidates(String entity, String project) {
        EntityIndex index = entity == null ? null : entities.get(entity);
        if (index == null || index.stallCount == 0) {
            return List.of();
        }
        List<CompiledAutomation> out = new ArrayList<>(index.stallEntity);
        if (project != null) {
            out.addAll(index.stallByProject.getOrDefault(project, List.of()));
        }
        return out;
    }

    /**
     * Run-metric automations on {@code metric} whose scope covers a run of {@code entity}/{@code project}, with the
     * RUN_METRIC_DIVERGED automations on every metric ({@code "*"}) of that scope.
     */
    public CompiledAutomation[] metricRules(String entity, String project, String metric) {
        EntityIndex index = entities.get(entity);
        if (index == null) {
            return NONE;
        }
        CompiledAutomation[] named = metricRules(index, project, metric);
        if (!index.anyMetric) {
            return named;
        }
        return concat(named, metricRules(index, project, ANY));
    }

    private static CompiledAutomation[] metricRules(EntityIndex index, String project, String metric) {
        CompiledAutomation[] entityWide = index.metricEntity.getOrDefault(metric, NONE);
        Map<String, CompiledAutomation[]> byMetric = index.metricByProject.get(project);
        CompiledAutomation[] projectWide = byMetric == null ? NONE : byMetric.getOrDefault(metric, NONE);
        return concat(entityWide, projectWide);
    }

    private static CompiledAutomation[] concat(CompiledAutomation[] entityWide, CompiledAutomation[] projectWide) {
        if (entityWide.length == 0) {
            return projectWide;
        }
        if (projectWide.length == 0) {
            return entityWide;
        }
        CompiledAutomation[] all = new CompiledAutomation[entityWide.length + projectWide.length];
        System.arraycopy(entityWide, 0, all, 0, entityWide.length);
        System.arraycopy(projectWide, 0, all, entityWide.length, projectWide.length);
        return all;
    }

    private static String key(String parent, String collection) {
        return parent + '/' + collection;
    }

    /** The automations of one entity. */
    private static final class EntityIndex {
        final Map<EventType, ArtifactScopes> artifact = new EnumMap<>(EventType.class);
        final List<CompiledAutomation> runStateEntity = new ArrayList<>();
        final Map<String, List<CompiledAutomation>> runStateByProject = new HashMap<>();
        final Map<String, List<CompiledAutomation>> metricEntityLists = new HashMap<>();
        final Map<String, Map<String, List<CompiledAutomation>>> metricProjectLists = new HashMap<>();
        final Map<String, CompiledAutomation[]> metricEntity = new HashMap<>();
        final Map<String, Map<String, CompiledAutomation[]>> metricByProject = new HashMap<>();
        final List<CompiledAutomation> stallEntity = new ArrayList<>();
        final Map<String, List<CompiledAutomation>> stallByProject = new HashMap<>();
        int stallCount;
        boolean anyMetric;

        void add(CompiledAutomation a) {
            AutomationScope scope = a.scope();
            if (a.type().isArtifactEvent()) {
                ArtifactScopes scopes = artifact.computeIfAbsent(a.type(), t -> new ArtifactScopes());
                switch (scope.type()) {
                    case ENTITY -> scopes.entity.add(a);
                    case PROJECT -> scopes.byProject.computeIfAbsent(scope.project(), k -> new ArrayList<>()).add(a);
                    case REGISTRY -> scopes.byRegistry.computeIfAbsent(scope.registry(), k -> new ArrayList<>()).add(a);
                    case ARTIFACT_COLLECTION -> {
                        if (scope.project() != null) {
                            scopes.byProjectCollection.computeIfAbsent(key(scope.project(), scope.collection()),
                                    k -> new ArrayList<>()).add(a);
                        } else {
                            scopes.byRegistryCollection.computeIfAbsent(key(scope.registry(), scope.collection()),
                                    k -> new ArrayList<>()).add(a);
                        }
                    }
                }
            } else if (a.type() == EventType.RUN_STATE) {
                if (scope.type() == AutomationScope.ScopeType.ENTITY) {
                    runStateEntity.add(a);
                } else {
                    runStateByProject.computeIfAbsent(scope.project(), k -> new ArrayList<>()).add(a);
                }
            } else if (a.type() == EventType.RUN_STALLED) {
                stallCount++;
                if (scope.type() == AutomationScope.ScopeType.ENTITY) {
                    stallEntity.add(a);
                } else {
                    stallByProject.computeIfAbsent(scope.project(), k -> new ArrayList<>()).add(a);
                }
            } else {
                String metric = a.metricRule().metric();
                if (a.metricRule().watchesEveryMetric()) {
                    anyMetric = true;
                    metric = ANY;
                }
                if (scope.type() == AutomationScope.ScopeType.ENTITY) {
                    metricEntityLists.computeIfAbsent(metric, k -> new ArrayList<>()).add(a);
                } else {
                    metricProjectLists.computeIfAbsent(scope.project(), k -> new HashMap<>())
                            .computeIfAbsent(metric, k -> new ArrayList<>()).add(a);
                }
            }
        }

        void freeze() {
            metricEntityLists.forEach((metric, list) -> metricEntity.put(metric, list.toArray(NONE)));
            metricProjectLists.forEach((project, byMetric) -> {
                Map<String, CompiledAutomation[]> arrays = new HashMap<>();
                byMetric.forEach((metric, list) -> arrays.put(metric, list.toArray(NONE)));
                metricByProject.put(project, arrays);
            });
            metricEntityLists.clear();
            metricProjectLists.clear();
        }
    }

    /** Automations of one artifact event type in one entity, by the kind of scope they listen on. */
    private static final class ArtifactScopes {
        final List<CompiledAutomation> entity = new ArrayList<>();
        final Map<String, List<CompiledAutomation>> byProject = new HashMap<>();
        final Map<String, List<CompiledAutomation>> byRegistry = new HashMap<>();
        final Map<String, List<CompiledAutomation>> byProjectCollection = new HashMap<>();
        final Map<String, List<CompiledAutomation>> byRegistryCollection = new HashMap<>();
    }
}
