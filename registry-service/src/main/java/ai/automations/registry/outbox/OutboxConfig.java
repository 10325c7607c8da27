package ai.automations.registry.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox relay runs. */
@ConfigMapping(prefix = "automations.outbox")
public interface OutboxConfig {

    /** How often the relay looks for rows no commit kicked it for (e.g. left by a crash). */
    @WithDefault("2s")
    Duration sweepInterval();

    /** Rows published per relay transaction. */
    @WithDefault("256")
    int batchSize();

    /** How long published rows are kept before they are deleted. */
    @WithDefault("P1D")
    Duration retention();
}
