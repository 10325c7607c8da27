package ai.automations.trigger.dryrun;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.automation.ActionSpec;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.error.ApiException;
import ai.automations.common.error.RequestErrors;
import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunMetricEventData;
import ai.automations.common.event.RunStateEventData;
import ai.automations.common.event.RunStalledEventData;
import ai.automations.common.template.PayloadTemplate;
import ai.automations.common.template.TemplateVariables;
import ai.automations.trigger.TriggerConfig;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.definition.CatalogEntry;
import ai.automations.trigger.evaluation.AutomationEvaluator;
import ai.automations.trigger.evaluation.CompiledAutomation;
import ai.automations.trigger.evaluation.MetricRule;
import ai.automations.trigger.evaluation.RecentValues;
import ai.automations.trigger.evaluation.Trace;
import ai.automations.trigger.metric.Firing;
import ai.automations.trigger.metric.FiringLedger;
import ai.automations.trigger.metric.FiringPublisher;
import ai.automations.trigger.metric.MetricWindow;
import ai.automations.trigger.metric.WindowCheckpointStore;
import ai.automations.trigger.stall.StallRow;
import ai.automations.trigger.stall.StallStore;
import ai.automations.trigger.stall.StallSweeper;
import io.smallrye.mutiny.Uni;

/**
 * Explains whether an event would trigger an automation: it asks {@link AutomationEvaluator}, the evaluator live
 * matching uses, with a recording {@link Trace} and answers the checks it made (definition, enabled, event type, scope,
 * filters; for run metrics also the window and the 24-hour rule), with the payload it would send, every secret
 * redacted. Nothing is published.
 *
 * <p>For a run-metric automation the event is a {@code RUN_METRIC_*} CloudEvent whose data names the run
 * ({@code entity, project, runId, runName, user}) and the metric. When {@code data.values} is given (oldest first),
 * the rule is evaluated on those values; otherwise on the run's window as of the last checkpoint of this service
 * (at most one checkpoint interval old).
 */
@ApplicationScoped
public class DryRunService {

    private final AutomationCatalog catalog;
    private final WindowCheckpointStore windows;
    private final FiringLedger ledger;
    private final FiringPublisher firings;
    private final ObjectMapper mapper;
    private final TriggerConfig config;
    private final InstantSource clock;
    private final StallStore stalls;
    private final StallSweeper sweeper;
    private final String publicUrl;

    public DryRunService(AutomationCatalog catalog, WindowCheckpointStore windows, FiringLedger ledger,
            FiringPublisher firings, ObjectMapper mapper, TriggerConfig config, InstantSource clock,
            StallStore stalls, StallSweeper sweeper, LinksConfig links) {
        this.publicUrl = links.publicUrl();
        this.stalls = stalls;
        this.sweeper = sweeper;
        this.catalog = catalog;
        this.windows = windows;
        this.ledger = ledger;
        this.firings = firings;
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
        Trace.Recorded trace = Trace.record();
        boolean ok = AutomationEvaluator.active(definition, entry.problem(), trace);
        CompiledAutomation automation = entry.compiled();
        if (automation == null || !AutomationEvaluator.eventType(automation, type, trace)) {
            return Uni.createFrom().item(new DryRunResult(false, trace.lines(), null));
        }
        if (type.isArtifactEvent()) {
            ok &= AutomationEvaluator.artifact(automation, convert(event.data(), ArtifactEventData.class), trace);
            return Uni.createFrom().item(result(ok, trace, definition, event));
        }
        if (type == EventType.RUN_STATE) {
            RunStateEventData data = convert(event.data(), RunStateEventData.class);
            ok &= AutomationEvaluator.runState(automation, data, AutomationEvaluator.runState(data.state()), trace);
            return Uni.createFrom().item(result(ok, trace, definition, event));
        }
        if (type == EventType.RUN_STALLED) {
            return stalled(automation, convert(event.data(), RunStalledEventData.class), event, ok, trace);
        }
        return runMetric(automation, convert(event.data(), RunMetricEventData.class), event, ok, trace);
    }

    /** RUN_STALLED: scope and run filters, then the run's persisted deadline (armed by its history) against now. */
    private Uni<DryRunResult> stalled(CompiledAutomation automation, RunStalledEventData data, CloudEvent given,
            boolean enabled, Trace.Recorded trace) {
        boolean ok = AutomationEvaluator.runMetric(automation, data.entity(), data.project(), data.runName(),
                data.user(), data.tags(), data.config(), trace) & enabled;
        return stalls.find(automation.id(), data.entity(), data.project(), data.runId()).map(found -> {
            if (found.isEmpty()) {
                trace.add("stall: no deadline for run '" + data.runId() + "': it logged no history since this "
                        + "automation covers it, or it ended (a finished, failed or killed run never stalls)");
                return result(false, trace, automation.definition(), given);
            }
            StallRow row = found.get().row();
            Instant deadline = row.lastHistoryAt().plusMillis(automation.stallMillis());
            Instant now = clock.instant();
            if (found.get().firedAt() != null) {
                trace.add("stall: fired at " + found.get().firedAt() + " for history last seen at "
                        + row.lastHistoryAt() + "; it fires again only after the run logs history and stalls again");
                return result(false, trace, automation.definition(), sweeper.event(automation, row));
            }
            boolean due = !deadline.isAfter(now);
            trace.add("stall: history last seen at " + row.lastHistoryAt() + ", deadline " + deadline
                    + (due ? " has passed: it fires at the next check" : " not reached yet (now " + now + ")"));
            return result(ok && due, trace, automation.definition(), sweeper.event(automation, row));
        });
    }

    private Uni<DryRunResult> runMetric(CompiledAutomation automation, RunMetricEventData data, CloudEvent given,
            boolean enabled, Trace.Recorded trace) {
        boolean ok = AutomationEvaluator.runMetric(automation, data.entity(), data.project(), data.runName(),
                data.user(), data.tags(), data.config(), trace) & enabled;
        if (!AutomationEvaluator.watches(automation, data.metric(), trace)) {
            return Uni.createFrom().item(result(false, trace, automation.definition(), given));
        }
        MetricRule metricRule = automation.metricRule();
        if (metricRule.diverged()) {
            return diverged(automation, data, given, ok, trace);
        }
        if (Double.isNaN(data.value())) {
            trace.add("value: the event's value is NaN: a NaN satisfies no comparison, and live matching skips NaN "
                    + "points (they never enter a window); RUN_METRIC_DIVERGED is the event for them");
        }
        boolean fromEvent = data.values() != null && !data.values().isEmpty();
        Uni<Optional<RecentValues>> values = fromEvent
                ? Uni.createFrom().item(Optional.of(RecentValues.of(withoutNaN(data.values(), trace))))
                : windows.checkpointed(data.entity(), data.project(), data.runId(), data.metric()).map(window -> window.map(w -> (RecentValues) w));
        return values.chain(found -> {
            if (found.isEmpty()) {
                trace.add("window not full: no checkpointed values of '" + data.metric() + "' for run '" + data.runId()
                        + "' (pass data.values to evaluate given values)");
                return Uni.createFrom().item(result(false, trace, automation.definition(), given));
            }
            RecentValues window = found.get();
            trace.add("window: " + window.size() + " value(s) " + (fromEvent ? "from the event" : "from the last checkpoint"));
            MetricRule rule = metricRule;
            double value = AutomationEvaluator.rule(rule, window, trace);
            if (Double.isNaN(value)) {
                return Uni.createFrom().item(result(false, trace, automation.definition(), given));
            }
            long step = fromEvent || !(window instanceof MetricWindow w) ? data.step() : w.lastStep();
            Firing firing = new Firing(automation, null, data.runId(), data.entity(), data.project(), data.runName(),
                    data.user(), data.metric(), step, value, rule.windowValues(window), null, data.tags(), data.config());
            CloudEvent wouldSend = firings.event(firing, clock.instant().atOffset(ZoneOffset.UTC));
            return ledger.lastFiring(automation.id(), data.entity(), data.project(), firing.ledgerRun()).map(last -> {
                boolean quiet = AutomationEvaluator.coolingDown(data.runId(),
                        last.map(Instant::toEpochMilli).orElse(AutomationEvaluator.NEVER), clock.millis(),
                        config.cooldown().toMillis(), trace);
                return result(ok && !quiet, trace, automation.definition(), wouldSend);
            });
        });
    }

    /** RUN_METRIC_DIVERGED on the event's own value: NaN or ±Infinity fires, once per run and metric in 24 hours. */
    private Uni<DryRunResult> diverged(CompiledAutomation automation, RunMetricEventData data, CloudEvent given,
            boolean ok, Trace.Recorded trace) {
        MetricRule rule = automation.metricRule();
        trace.add("rule: " + rule.explainDiverged(data.metric(), data.value()));
        if (!MetricRule.divergent(data.value())) {
            return Uni.createFrom().item(result(false, trace, automation.definition(), given));
        }
        Firing firing = new Firing(automation, null, data.runId(), data.entity(), data.project(), data.runName(),
                data.user(), data.metric(), data.step(), data.value(), new double[] { data.value() }, null, data.tags(),
                data.config());
        CloudEvent wouldSend = firings.event(firing, clock.instant().atOffset(ZoneOffset.UTC));
        return ledger.lastFiring(automation.id(), data.entity(), data.project(), firing.ledgerRun()).map(last -> {
            boolean quiet = AutomationEvaluator.coolingDown(data.runId() + "' metric '" + data.metric(),
                    last.map(Instant::toEpochMilli).orElse(AutomationEvaluator.NEVER), clock.millis(),
                    config.cooldown().toMillis(), trace);
            return result(ok && !quiet, trace, automation.definition(), wouldSend);
        });
    }

    /** The given window without its NaN values (live matching never puts one in), saying so when there were some. */
    private static double[] withoutNaN(List<Double> given, Trace.Recorded trace) {
        double[] kept = given.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).toArray();
        if (kept.length < given.size()) {
            trace.add("window: " + (given.size() - kept.length) + " NaN value(s) skipped: a NaN satisfies no "
                    + "comparison and would make every aggregate NaN; live matching skips NaN points the same way");
        }
        return kept;
    }

    private DryRunResult result(boolean matched, Trace.Recorded trace, AutomationDefinition definition,
            CloudEvent event) {
        return new DryRunResult(matched, trace.lines(), render(definition, event));
    }

    /** The payload a delivery would send, links included ({@link LinksConfig}), every secret redacted. */
    private JsonNode render(AutomationDefinition definition, CloudEvent event) {
        ActionSpec action = definition.action();
        if (action == null || action.type() != ActionSpec.ActionType.GENERIC_WEBHOOK) {
            return null;
        }
        PayloadTemplate template = new PayloadTemplate(action.payload());
        return template.render(TemplateVariables.of(definition, event, publicUrl),
                PayloadTemplate.redacted(template.secretNames()));
    }

    private <T> T convert(JsonNode data, Class<T> type) {
        try {
            return mapper.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw RequestErrors.json("event.data", e);
        }
    }
}
