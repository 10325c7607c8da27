package ai.automations.trigger.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import ai.automations.trigger.TriggerClock;

/** The service's clock in tests: real time plus an offset a test can move forward. */
@Alternative
@Priority(1)
@ApplicationScoped
public class AdjustableClock extends TriggerClock {

    private final AtomicLong offset = new AtomicLong();

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
