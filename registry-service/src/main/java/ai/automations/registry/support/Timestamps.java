package ai.automations.registry.support;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Registry's timestamps as stored: UTC, truncated to PostgreSQL's microseconds so that what an answer shows equals
 * what a later read returns. The time itself comes from the one injected {@link InstantSource}.
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static OffsetDateTime now(InstantSource clock) {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
