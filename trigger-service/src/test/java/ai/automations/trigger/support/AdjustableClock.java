package ai.automations.trigger.support;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/** The service's clock in tests, in place of common's system clock: real time plus an offset a test can move. */
@Alternative
@Priority(1)
@ApplicationScoped
public class AdjustableClock implements InstantSource {

    private final AtomicLong offset = new AtomicLong();

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offset.get();
    }

    public void advance(Duration by) {
        offset.addAndGet(by.toMillis());
    }

    public void reset() {
        offset.set(0);
    }
}
