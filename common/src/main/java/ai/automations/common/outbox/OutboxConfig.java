package ai.automations.common.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service's outbox relay runs (see {@link OutboxRelay}). */
@ConfigMapping(prefix = "automations.outbox")
public interface OutboxConfig {

    /**
     * Whether this service has an outbox (build time): a service that sets it has the {@code outbox} table of
     * common's shape in its database and an outgoing Kafka channel named {@link #channel()}.
     */
    @WithDefault("false")
    boolean enabled();

    /** The outgoing Kafka channel whose producer (and its settings: acks, idempotence, timeouts) publishes rows. */
    @WithDefault("outbox")
    String channel();

    /** How often the relay looks for rows no commit kicked it for (e.g. left by a crash), and reads the backlog. */
    @WithDefault("2s")
    Duration sweepInterval();

    /** Rows published per relay transaction. */
    @WithDefault("256")
    int batchSize();

    /** How long published rows are kept before they are deleted. */
    @WithDefault("P1D")
    Duration retention();
}
