package ai.automations.action.execution;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.auth.Caller;
import ai.automations.common.auth.EntityPermissions;
import ai.automations.common.auth.Role;
import ai.automations.common.automation.ActionSpec.ActionType;
import ai.automations.common.error.ApiException;
import io.smallrye.mutiny.Uni;

/** The execution history and redelivery, with the caller's role checked in the execution's entity. */
@ApplicationScoped
public class ExecutionService {

    static final int MAX_LIMIT = 500;

    private final ExecutionRepository executions;
    private final ExecutionStateMachine states;
    private final Event<ExecutionsDue> due;
    private final InstantSource clock;
    private final ObjectMapper json;

    public ExecutionService(ExecutionRepository executions, ExecutionStateMachine states, Event<ExecutionsDue> due,
            InstantSource clock, ObjectMapper json) {
        this.executions = executions;
        this.states = states;
        this.due = due;
        this.clock = clock;
        this.json = json;
    }

    public Uni<List<ExecutionView>> history(String entity, String automationId, int limit) {
        return executions.history(entity, automationId, limit).map(list -> list.stream().map(this::view).toList());
    }

    public Uni<ExecutionView> get(String id, Caller caller) {
        return visible(id, caller, Role.VIEWER).map(this::view);
    }

    /**
     * Schedules one more attempt of a finished, failed or skipped webhook or Slack execution, with the same
     * {@code webhook-id}; 409 while the execution is still pending.
     */
    public Uni<ExecutionView> redeliver(String id, Caller caller) {
        return visible(id, caller, Role.MEMBER).flatMap(found -> {
            if (found.actionType == ActionType.NO_OP) {
                throw ApiException.conflict("A NO_OP execution has nothing to redeliver.", null);
            }
            return executions.change(found.id, execution -> {
                if (!ExecutionStateMachine.canRedeliver(execution.status)) {
                    throw ApiException.conflict("The execution is still pending; it cannot be redelivered yet.", null);
                }
                OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
                states.next(ExecutionStateMachine.Snapshot.of(execution), new ExecutionStateMachine.RedeliveryRequested(),
                        now).applyTo(execution);
                execution.leaseOwner = null;
                execution.leaseToken = null;
                execution.leaseUntil = null;
            });
        }).invoke(() -> due.fire(new ExecutionsDue())).map(this::view);
    }

    /** The execution if the caller holds {@code role} in its entity: 404 without any access, 403 with too little. */
    private Uni<Execution> visible(String id, Caller caller, Role role) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ApiException.notFound("No execution '" + id + "'."));
        }
        return executions.byId(uuid).map(execution -> {
            if (execution == null) {
                throw ApiException.notFound("No execution '" + id + "'.");
            }
            EntityPermissions.requireFound(caller, execution.entity, role,
                    () -> ApiException.notFound("No execution '" + id + "'."));
            return execution;
        });
    }

    ExecutionView view(Execution e) {
        List<ExecutionView.AttemptView> attempts = e.attempts.stream().map(a -> new ExecutionView.AttemptView(a.at(),
                a.statusCode(), a.error(), a.durationMs(), a.responseBody(), a.redelivery())).toList();
        ExecutionView.RequestView request = e.requestUrl == null && e.requestPayload == null ? null
                : new ExecutionView.RequestView(e.requestUrl, parse(e.requestPayload));
        return new ExecutionView(e.id.toString(), e.entity, e.automationId, e.automationName, e.eventId, e.eventType,
                e.actionType.name(), e.integration, e.status, e.reason, e.webhookId, e.createdAt, e.finishedAt,
                e.nextAttemptAt, attempts, request, e.traceId);
    }

    private JsonNode parse(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
