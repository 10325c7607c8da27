package ai.automations.trigger.dryrun;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.automation.ActionSpec;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.AutomationScope;
import ai.automations.common.automation.RunState;
import ai.automations.common.error.ApiException;
import ai.automations.common.error.RequestErrors;
import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricEventData;
import ai.automations.common.event.RunStateEventData;
import ai.automations.common.event.Topics;
import ai.automations.common.template.PayloadTemplate;
import ai.automations.common.template.TemplateVariables;
import ai.automations.trigger.TriggerClock;
import ai.automations.trigger.TriggerConfig;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.definition.CatalogEntry;
import ai.automations.trigger.definition.CompiledAutomation;
import ai.automations.trigger.event.EventEvaluator;
import ai.automations.trigger.metric.FiringLedger;
import ai.automations.trigger.metric.FiringPublisher;
import ai.automations.trigger.metric.MetricRule;
import ai.automations.trigger.metric.MetricWindow;
import ai.automations.trigger.metric.RecentValues;
import ai.automations.trigger.metric.WindowCheckpointStore;
import ai.automations.trigger.metric.Firing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Explains whether an event would trigger an automation, check by check (definition, enabled, event type, scope,
 * filters; for run metrics also the window and the 24-hour rule), and renders the payload it would send with every
 * secret redacted. Nothing is published.
 *
 * <p>For a run-metric automation the event is a {@code RUN_METRIC_*} CloudEvent whose data names the run
 * ({@code entity, project, runId, runName, user}) and the metric. When {@code data.values} is given (oldest first),
 * the rule is evaluated on those values; otherwise on the run's window as of the last checkpoint of this service
 * (at most one checkpoint interval old).
 */
@ApplicationScoped
public class DryRunService {

    private final AutomationCatalog catalog;
    private final EventEvaluator evaluator;
    private final FiringLedger ledger;
    private final FiringPublisher firings;
    private final Pool pool;
    private final ObjectMapper mapper;
    private final TriggerConfig config;
    private final TriggerClock clock;

    public DryRunService(AutomationCatalog catalog, EventEvaluator evaluator, FiringLedger ledger,
            FiringPublisher firings, Pool pool, ObjectMapper mapper, TriggerConfig config, TriggerClock clock) {
        this.catalog = catalog;
        this.evaluator = evaluator;
        this.ledger = ledger;
        this.firings = firings;
        this.pool = pool;
        this.mapper = mapper;
        this.config = config;
        this.clock = clock;
    }

    public Uni<DryRunResult> dryRun(String entity, String automationId, CloudEvent event) {
        if (!catalog.isReady()) {
            throw new ApiException(503, "UNAVAILABLE", "Automations are still being loaded; try again shortly.", null);
        }
        CatalogEntry entry = catalog.find(automationId)
                .filter(e -> entity.equals(e.definition().entity()))
                .orElseThrow(() -> ApiException.notFound("No automation '" + automationId + "' in entity '" + entity + "'."));
        EventType type = event.eventType().orElseThrow(() -> ApiException.badRequest(
                "event.type '" + event.type() + "' is not an event type of this suite.", "event.type"));
        if (event.data() == null || !event.data().isObject()) {
            throw ApiException.badRequest("event.data must be a JSON object.", "event.data");
        }
        AutomationDefinition definition = entry.definition();
        List<String> reasons = new ArrayList<>();
        boolean ok = true;
        if (entry.problem() != null) {
            reasons.add("definition: not evaluated: " + entry.problem());
            return Uni.createFrom().item(new DryRunResult(false, reasons, null));
        }
        CompiledAutomation automation = entry.compiled();
        if (!definition.enabled()) {
            reasons.add("disabled: the automation is disabled");
            ok = false;
        } else {
            reasons.add("enabled: yes");
        }
        if (automation.type() != type) {
            reasons.add("event type: " + type + " does not trigger this automation, which waits for " + automation.type());
            return Uni.createFrom().item(new DryRunResult(false, reasons, null));
        }
        reasons.add("event type: " + type);
        if (type.isArtifactEvent()) {
            ok &= artifact(automation, convert(event.data(), ArtifactEventData.class), reasons);
            return Uni.createFrom().item(result(ok, reasons, definition, event));
        }
        if (type == EventType.RUN_STATE) {
            ok &= runState(automation, convert(event.data(), RunStateEventData.class), reasons);
            return Uni.createFrom().item(result(ok, reasons, definition, event));
        }
        return runMetric(automation, convert(event.data(), RunMetricEventData.class), event, ok, reasons);
    }

    private boolean artifact(CompiledAutomation automation, ArtifactEventData data, List<String> reasons) {
        boolean ok = true;
        String where = data.project() != null ? "project '" + data.project() + "'"
                : data.registry() != null ? "registry '" + data.registry() + "'" : "no project or registry";
        String location = "collection '" + data.collection() + "' of " + where + " in entity '" + data.entity() + "'";
        if (automation.type() == EventType.CREATE_ARTIFACT && data.project() == null) {
            reasons.add("scope: CREATE_ARTIFACT happens only in project collections");
            ok = false;
        } else if (automation.scopeCovers(data)) {
            reasons.add("scope: " + describe(automation.scope()) + " covers " + location);
        } else {
            reasons.add("scope: " + describe(automation.scope()) + " does not cover " + location);
            ok = false;
        }
        if (automation.hasAliasOrTagFilter()) {
            boolean alias = automation.type() == EventType.ADD_ARTIFACT_ALIAS;
            String value = alias ? data.alias() : data.tag();
            String what = alias ? "alias" : "tag";
            if (automation.filterAccepts(data)) {
                reasons.add("filter: " + what + " '" + value + "' matches " + automation.aliasOrTagPattern());
            } else {
                reasons.add("filter: " + what + " '" + value + "' does not match " + automation.aliasOrTagPattern());
                ok = false;
            }
        }
        return ok;
    }

    private boolean runState(CompiledAutomation automation, RunStateEventData data, List<String> reasons) {
        boolean ok = runScope(automation, data.entity(), data.project(), reasons);
        RunState state = EventEvaluator.runState(data.state());
        if (state == null) {
            reasons.add("filter: run state '" + data.state() + "' is not a run state");
            ok = false;
        } else if (state == RunState.KILLED) {
            reasons.add("filter: a KILLED run never triggers an automation");
            ok = false;
        } else {
            String shown = state == RunState.CRASHED ? "CRASHED (counted as FAILED)" : state.name();
            if (automation.acceptsState(state)) {
                reasons.add("filter: run state " + shown + " is one of the states the automation waits for");
            } else {
                reasons.add("filter: run state " + shown + " is not one of the states the automation waits for");
                ok = false;
            }
        }
        return runFilters(automation, data.runName(), data.user(), reasons) && ok;
    }

    private Uni<DryRunResult> runMetric(CompiledAutomation automation, RunMetricEventData data, CloudEvent given,
            boolean enabled, List<String> reasons) {
        boolean ok = runScope(automation, data.entity(), data.project(), reasons) & enabled;
        ok &= runFilters(automation, data.runName(), data.user(), reasons);
        MetricRule rule = automation.metricRule();
        if (!rule.metric().equals(data.metric())) {
            reasons.add("filter: metric '" + data.metric() + "' is not '" + rule.metric() + "'");
            return Uni.createFrom().item(result(false, reasons, automation.definition(), given));
        }
        boolean scopeAndFilters = ok;
        Uni<Optional<RecentValues>> values = data.values() != null && !data.values().isEmpty()
                ? Uni.createFrom().item(Optional.of(RecentValues.of(data.values().stream().mapToDouble(Double::doubleValue).toArray())))
                : WindowCheckpointStore.checkpointed(pool, Topics.RUN_METRICS, data.runId(), data.metric())
                        .map(window -> window.map(w -> (RecentValues) w));
        boolean fromEvent = data.values() != null && !data.values().isEmpty();
        return values.chain(found -> {
            if (found.isEmpty()) {
                reasons.add("window not full: no checkpointed values of '" + data.metric() + "' for run '" + data.runId()
                        + "' (pass data.values to evaluate given values)");
                return Uni.createFrom().item(result(false, reasons, automation.definition(), given));
            }
            RecentValues window = found.get();
            reasons.add("window: " + window.size() + " value(s) " + (fromEvent ? "from the event" : "from the last checkpoint"));
            String explanation = rule.explain(window);
            reasons.add(explanation.startsWith("window not full") ? explanation : "rule: " + explanation);
            double value = rule.evaluate(window);
            if (Double.isNaN(value)) {
                return Uni.createFrom().item(result(false, reasons, automation.definition(), given));
            }
            long step = fromEvent || !(window instanceof MetricWindow w) ? data.step() : w.lastStep();
            Firing firing = new Firing(automation, null, data.runId(), data.entity(), data.project(), data.runName(),
                    data.user(), data.metric(), step, value, rule.windowValues(window), null);
            OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
            CloudEvent wouldSend = firings.event(firing, now);
            return ledger.lastFiring(automation.id(), data.runId()).map(last -> {
                boolean quiet = last.isPresent()
                        && clock.millis() - last.get().toEpochMilli() < config.cooldown().toMillis();
                if (quiet) {
                    Instant next = last.get().plus(config.cooldown());
                    reasons.add("cooldown: fired for run '" + data.runId() + "' at " + last.get()
                            + "; it may fire again for this run after " + next);
                } else {
                    reasons.add("cooldown: none for run '" + data.runId() + "'");
                }
                return result(scopeAndFilters && !quiet, reasons, automation.definition(), wouldSend);
            });
        });
    }

    private static boolean runScope(CompiledAutomation automation, String entity, String project, List<String> reasons) {
        String location = "run in project '" + project + "' of entity '" + entity + "'";
        if (automation.scopeCoversRun(entity, project)) {
            reasons.add("scope: " + describe(automation.scope()) + " covers a " + location);
            return true;
        }
        reasons.add("scope: " + describe(automation.scope()) + " does not cover a " + location);
        return false;
    }

    private static boolean runFilters(CompiledAutomation automation, String runName, String user, List<String> reasons) {
        if (automation.acceptsRun(runName, user)) {
            reasons.add("filter: run '" + runName + "' of user '" + user + "' passes " + automation.runFilterDescription());
            return true;
        }
        reasons.add("filter: run '" + runName + "' of user '" + user + "' fails " + automation.runFilterDescription());
        return false;
    }

    private DryRunResult result(boolean matched, List<String> reasons, AutomationDefinition definition, CloudEvent event) {
        return new DryRunResult(matched, reasons, render(definition, event));
    }

    private static JsonNode render(AutomationDefinition definition, CloudEvent event) {
        ActionSpec action = definition.action();
        if (action == null || action.type() != ActionSpec.ActionType.GENERIC_WEBHOOK) {
            return null;
        }
        PayloadTemplate template = new PayloadTemplate(action.payload());
        return template.render(TemplateVariables.of(definition, event), PayloadTemplate.redacted(template.secretNames()));
    }

    private static String describe(AutomationScope scope) {
        return switch (scope.type()) {
            case ENTITY -> "the entity scope";
            case PROJECT -> "project scope '" + scope.project() + "'";
            case REGISTRY -> "registry scope '" + scope.registry() + "'";
            case ARTIFACT_COLLECTION -> "collection scope '" + scope.collection() + "' of "
                    + (scope.project() != null ? "project '" + scope.project() + "'" : "registry '" + scope.registry() + "'");
        };
    }

    private <T> T convert(JsonNode data, Class<T> type) {
        try {
            return mapper.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw RequestErrors.json("event.data", e);
        }
    }
}
