package ai.automations.action.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.automations.action.testing.Configs;

class RetryPolicyTest {

    private final OffsetDateTime created = OffsetDateTime.of(2026, 11, 22, 10, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void defaultsAreEightAttemptsOverAboutADayStartingWithinSeconds() {
        RetryPolicy policy = new RetryPolicy(Configs.delivery(Map.of()));
        assertThat(policy.maxAttempts()).isEqualTo(8);
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.backoff(2)).isLessThan(Duration.ofMinutes(1));
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < 8; attempt++) {
            assertThat(policy.backoff(attempt + 1)).isGreaterThan(policy.backoff(attempt));
            total = total.plus(policy.backoff(attempt));
        }
        assertThat(total).isBetween(Duration.ofHours(23), Duration.ofHours(25));
    }

    @Test
    void theScheduleEndsAfterTheLastAttempt() {
        RetryPolicy policy = new RetryPolicy(Configs.delivery(Map.of()));
        OffsetDateTime now = created;
        for (int attempts = 1; attempts < 8; attempts++) {
            Optional<OffsetDateTime> next = policy.next(attempts, created, now, Optional.empty());
            assertThat(next).as("after attempt " + attempts).isPresent();
            assertThat(next.get()).isAfter(now);
            now = next.get();
        }
        assertThat(policy.next(8, created, now, Optional.empty())).isEmpty();
    }

    @Test
    void jitterSpreadsDelaysWithinItsFraction() {
        RetryPolicy policy = new RetryPolicy(Configs.delivery(Map.of("automations.delivery.retry.jitter", "0.2")));
        for (int i = 0; i < 200; i++) {
            long delay = Duration.between(created, policy.next(1, created, created, Optional.empty()).orElseThrow()).toMillis();
            assertThat(delay).isBetween(4000L, 6000L);
        }
    }

    @Test
    void retryAfterIsNeverUndercutButIsCapped() {
        RetryPolicy policy = new RetryPolicy(Configs.delivery(Map.of("automations.delivery.retry.jitter", "0",
                "automations.delivery.retry.max-retry-after", "1h")));
        assertThat(policy.next(1, created, created, Optional.of(Duration.ofSeconds(90)))).contains(created.plusSeconds(90));
        assertThat(policy.next(1, created, created, Optional.of(Duration.ofSeconds(1)))).contains(created.plusSeconds(5));
        assertThat(policy.next(1, created, created, Optional.of(Duration.ofDays(2)))).contains(created.plusHours(1));
    }

    @Test
    void nothingIsScheduledPastTheHorizon() {
        RetryPolicy policy = new RetryPolicy(Configs.delivery(Map.of("automations.delivery.retry.horizon", "10m",
                "automations.delivery.retry.max-retry-after", "1h")));
        assertThat(policy.next(1, created, created, Optional.of(Duration.ofMinutes(30)))).isEmpty();
    }
}
