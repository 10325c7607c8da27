package ai.automations.action.delivery;

import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.action.execution.Execution;
import ai.automations.action.execution.ExecutionRepository;
import ai.automations.action.outbound.OutboundConfig;
import io.smallrye.mutiny.Uni;

/**
 * Makes sure this instance still holds an execution right before its call leaves: the lease is renewed when it could
 * run out during the call, and a lease another instance has taken over stops the call.
 */
@ApplicationScoped
public class LeaseKeeper {

    /** Room beyond the request timeout for the answer to be recorded. */
    private static final Duration RECORDING_MARGIN = Duration.ofSeconds(30);

    private final ExecutionRepository executions;
    private final DeliveryConfig config;
    private final OutboundConfig outbound;
    private final InstantSource clock;

    public LeaseKeeper(ExecutionRepository executions, DeliveryConfig config, OutboundConfig outbound,
            InstantSource clock) {
        this.executions = executions;
        this.config = config;
        this.outbound = outbound;
        this.clock = clock;
    }

    /** True when {@code token} holds {@code execution} for the whole call; false when another instance took it over. */
    public Uni<Boolean> keep(Execution execution, UUID token) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Duration margin = outbound.requestTimeout().plus(RECORDING_MARGIN);
        if (execution.leaseUntil != null && execution.leaseUntil.isAfter(now.plus(margin))) {
            return Uni.createFrom().item(true);
        }
        OffsetDateTime until = now.plus(config.lease());
        return executions.renew(execution.id, token, until).invoke(held -> {
            if (held) {
                execution.leaseUntil = until;
            }
        });
    }
}
