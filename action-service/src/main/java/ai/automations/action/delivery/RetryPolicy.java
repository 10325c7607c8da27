package ai.automations.action.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.automations.action.execution.RetrySchedule;

/**
 * When to try again: delays grow geometrically from {@code first-delay} so that the whole schedule of
 * {@code max-attempts} spans about {@code horizon} (defaults: 8 attempts over 24 hours, the first retry after about 5
 * seconds). Each delay is spread by jitter; a {@code Retry-After} from the endpoint is honoured (never retried
 * earlier). Past the last attempt or the horizon there is no next time.
 */
@ApplicationScoped
public class RetryPolicy implements RetrySchedule {

    /** Jitter and Retry-After may stretch the schedule a little past the horizon. */
    private static final double HORIZON_TOLERANCE = 1.5;

    private final DeliveryConfig.Retry config;
    private final double factor;

    @Inject
    public RetryPolicy(DeliveryConfig config) {
        this(config.retry());
    }

    RetryPolicy(DeliveryConfig.Retry config) {
        this.config = config;
        this.factor = growthFactor(config.firstDelay().toMillis(), config.horizon().toMillis(), config.maxAttempts() - 1);
    }

    /** The unjittered delay after attempt number {@code attemptsMade} (1-based) failed. */
    public Duration backoff(int attemptsMade) {
        double millis = config.firstDelay().toMillis() * Math.pow(factor, Math.max(0, attemptsMade - 1));
        return Duration.ofMillis((long) Math.min(millis, config.horizon().toMillis()));
    }

    /**
     * When the next attempt is due after {@code attemptsMade} attempts failed, or empty when the execution has had
     * its last attempt.
     */
    @Override
    public Optional<OffsetDateTime> next(int attemptsMade, OffsetDateTime createdAt, OffsetDateTime now,
            Optional<Duration> retryAfter) {
        if (attemptsMade >= config.maxAttempts()) {
            return Optional.empty();
        }
        double spread = config.jitter() <= 0 ? 0 : ThreadLocalRandom.current().nextDouble(-config.jitter(), config.jitter());
        long delay = Math.max(0, Math.round(backoff(attemptsMade).toMillis() * (1 + spread)));
        if (retryAfter.isPresent()) {
            long asked = Math.min(retryAfter.get().toMillis(), config.maxRetryAfter().toMillis());
            delay = Math.max(delay, asked);
        }
        OffsetDateTime next = now.plus(Duration.ofMillis(delay));
        OffsetDateTime deadline = createdAt.plus(Duration.ofMillis((long) (config.horizon().toMillis() * HORIZON_TOLERANCE)));
        return next.isAfter(deadline) ? Optional.empty() : Optional.of(next);
    }

    public int maxAttempts() {
        return config.maxAttempts();
    }

    /** The ratio r with first * (1 + r + ... + r^(retries-1)) = horizon, found by bisection (at least 1). */
    static double growthFactor(double first, double horizon, int retries) {
        if (retries <= 1 || first <= 0 || first * retries >= horizon) {
            return 1.0;
        }
        double low = 1.0;
        double high = 1000.0;
        for (int i = 0; i < 200; i++) {
            double mid = (low + high) / 2;
            double sum = first * (Math.pow(mid, retries) - 1) / (mid - 1);
            if (sum > horizon) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return low;
    }
}
