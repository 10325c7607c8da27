package ai.automations.registry.run;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.auth.Caller;
import ai.automations.common.automation.RunState;
import ai.automations.common.error.ApiException;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunStateEventData;
import ai.automations.registry.entity.EntityNamespace;
import ai.automations.registry.outbox.Outbox;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.project.Project;
import ai.automations.registry.run.RunViews.CreateRun;
import ai.automations.registry.run.RunViews.RunView;
import ai.automations.registry.run.RunViews.UpdateRun;
import ai.automations.registry.support.JsonText;
import ai.automations.registry.support.Names;
import ai.automations.registry.support.Page;
import ai.automations.registry.support.PageRequest;
import ai.automations.registry.support.Timestamps;
import io.smallrye.mutiny.Uni;

/**
 * Runs and their states. A run starts RUNNING (RUN_STATE RUNNING) and ends: FINISHED, FAILED and CRASHED emit RUN_STATE
 * (a crash reported as FAILED, the real state kept in {@code reportedState}); KILLED is recorded and emits nothing,
 * since it triggers nothing. An ended run set back to RUNNING is resumed (RUN_STATE RUNNING again) and may end anew.
 * Every RUN_STATE event carries the run's tags and config, which {@code where} filters read.
 */
@ApplicationScoped
public class RunService {

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_CONFIG_CHARS = 100_000;

    private final Tx tx;
    private final Outbox outbox;
    private final JsonText json;
    private final InstantSource clock;

    public RunService(Tx tx, Outbox outbox, JsonText json, InstantSource clock) {
        this.tx = tx;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    public Uni<RunView> create(Caller caller, String entityName, String projectName, CreateRun request) {
        String runId = request.id() == null ? newRunId() : request.id();
        String name = request.name();
        String user = request.user() == null ? caller.name() : request.user();
        String config = config(request.config());
        List<String> tags = Names.distinct(request.tags());
        return tx.write(() -> project(entityName, projectName).flatMap(p -> Run
                .<Run>find("projectId = ?1 and runId = ?2", p.project().id, runId).firstResult().flatMap(existing -> {
                    if (existing != null) {
                        throw ApiException.conflict("Run '" + runId + "' exists in project '" + projectName + "'.",
                                "id");
                    }
                    Run run = new Run();
                    run.id = UUID.randomUUID();
                    run.entityId = p.entity().id;
                    run.projectId = p.project().id;
                    run.runId = runId;
                    run.name = name;
                    run.user = user;
                    run.config = config;
                    run.tags = json.write(tags);
                    run.state = RunState.RUNNING;
                    run.createdAt = Timestamps.now(clock);
                    run.updatedAt = run.createdAt;
                    return run.persist().chain(() -> emit(caller, entityName, projectName, run))
                            .replaceWith(() -> view(entityName, projectName, run));
                })));
    }

    /**
     * Ends or resumes a run, and/or replaces its tags. Repeating its current state changes nothing; a run that has
     * ended cannot end differently, but RUNNING resumes it.
     */
    public Uni<RunView> update(Caller caller, String entityName, String projectName, String runId,
            UpdateRun request) {
        if (request.state() == null && request.tags() == null) {
            throw ApiException.badRequest("'state' or 'tags' is required.", "state");
        }
        RunState state = request.state() == null ? null : runState(request.state());
        List<String> tags = request.tags() == null ? null : Names.distinct(request.tags());
        return tx.write(() -> project(entityName, projectName).flatMap(p -> Run
                .<Run>find("projectId = ?1 and runId = ?2", p.project().id, runId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult().flatMap(run -> {
                    if (run == null) {
                        throw notFound(projectName, runId);
                    }
                    if (state != null && state != run.state && state != RunState.RUNNING
                            && run.state != RunState.RUNNING) {
                        throw ApiException.conflict("Run '" + runId + "' has already ended as " + run.state + ".",
                                "state");
                    }
                    if (tags != null && !json.write(tags).equals(run.tags)) {
                        run.tags = json.write(tags);
                        run.updatedAt = Timestamps.now(clock);
                    }
                    if (state == null || run.state == state) {
                        return Uni.createFrom().item(view(entityName, projectName, run));
                    }
                    run.state = state;
                    run.updatedAt = Timestamps.now(clock);
                    RunView view = view(entityName, projectName, run);
                    if (state == RunState.KILLED) {
                        return Uni.createFrom().item(view);
                    }
                    return emit(caller, entityName, projectName, run).replaceWith(view);
                })));
    }

    /** RUN_STATE for the run's current state (not KILLED), with its tags and config. */
    private Uni<?> emit(Caller caller, String entityName, String projectName, Run run) {
        RunStateEventData data = new RunStateEventData(entityName, projectName, run.runId, run.name, run.user,
                run.state.asTriggered().name(), caller.name(), run.state.name(), tags(run), json.readMap(run.config));
        return outbox.event(EventType.RUN_STATE, runPath(entityName, projectName, run.runId), run.runId, data);
    }

    /** The run's tags. */
    public List<String> tags(Run run) {
        return run.tags == null ? List.of() : List.of(json.read(run.tags, String[].class));
    }

    public Uni<RunView> get(String entityName, String projectName, String runId) {
        return tx.read(() -> find(entityName, projectName, runId)).map(r -> view(entityName, projectName, r));
    }

    /** The run, or a 404; for the history endpoint, which needs its name and user. */
    public Uni<Run> find(String entityName, String projectName, String runId) {
        return project(entityName, projectName).flatMap(p -> Run
                .<Run>find("projectId = ?1 and runId = ?2", p.project().id, runId).firstResult()
                .map(run -> {
                    if (run == null) {
                        throw notFound(projectName, runId);
                    }
                    return run;
                }));
    }

    public Uni<Page<RunView>> list(String entityName, String projectName, PageRequest page) {
        return tx.read(() -> project(entityName, projectName).flatMap(p -> Run
                .<Run>find("projectId = ?1 and runId > ?2 order by runId", p.project().id,
                        page.after() == null ? "" : page.after())
                .range(0, page.limit()).list()))
                .map(rows -> Page.of(rows, page, r -> r.runId, r -> view(entityName, projectName, r)));
    }

    /** A run's path, the subject of its events: {@code entity/project/runId}. */
    public static String runPath(String entity, String project, String runId) {
        return entity + "/" + project + "/" + runId;
    }

    private record ProjectOf(EntityNamespace entity, Project project) {
    }

    private static Uni<ProjectOf> project(String entityName, String projectName) {
        return EntityNamespace.require(entityName).flatMap(entity -> Project.KIND.require(entity.id, entityName,
                projectName).map(p -> new ProjectOf(entity, p)));
    }

    private RunView view(String entity, String project, Run run) {
        return new RunView(run.runId, entity, project, run.name, run.user, json.readMap(run.config),
                run.state.name(), run.createdAt, run.updatedAt, tags(run));
    }

    private String config(ObjectNode config) {
        if (config == null) {
            return "{}";
        }
        String text = json.write(config);
        if (text.length() > MAX_CONFIG_CHARS) {
            throw ApiException.tooLarge("'config' may be at most " + MAX_CONFIG_CHARS + " characters of JSON.");
        }
        return text;
    }

    /** A state the request's constraints have checked: RUNNING or a terminal state, in any case. */
    private static RunState runState(String state) {
        return RunState.valueOf(state.toUpperCase(Locale.ROOT));
    }

    private static ApiException notFound(String project, String runId) {
        return ApiException.notFound("No run '" + runId + "' in project '" + project + "'.");
    }

    private static String newRunId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
