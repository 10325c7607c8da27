package ai.automations.trigger;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** The wall clock used for the 24-hour rule and request times; tests replace it to move time. */
@ApplicationScoped
public class TriggerClock {

    public long millis() {
        return System.currentTimeMillis();
    }

    public Instant now() {
        return Instant.ofEpochMilli(millis());
    }
}
