package ai.automations.action.execution;

import java.time.Duration;
import java.util.Optional;

/** How an attempt ended, as far as the schedule is concerned. */
public record Verdict(Kind kind, String error, Optional<Duration> retryAfter) {

    /** Delivered; try again later; give up; or give up and disable the integration (410 Gone). */
    public enum Kind {
        SUCCESS, RETRY, FAIL, GONE
    }

    public static Verdict success() {
        return new Verdict(Kind.SUCCESS, null, Optional.empty());
    }

    public static Verdict retry(String error, Optional<Duration> retryAfter) {
        return new Verdict(Kind.RETRY, error, retryAfter);
    }

    public static Verdict fail(String error) {
        return new Verdict(Kind.FAIL, error, Optional.empty());
    }

    public static Verdict gone(String error) {
        return new Verdict(Kind.GONE, error, Optional.empty());
    }
}
