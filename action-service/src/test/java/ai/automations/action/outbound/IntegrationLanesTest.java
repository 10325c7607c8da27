package ai.automations.action.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;

class IntegrationLanesTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void aStuckLaneNeitherExceedsItsConcurrencyNorDelaysAnotherLane() {
        IntegrationLanes lanes = new IntegrationLanes(vertx, 2, 0, 100);
        List<UniEmitter<? super String>> stuck = new ArrayList<>();
        AtomicInteger started = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            lanes.submit("acme/dead", () -> Uni.createFrom().<String>emitter(e -> {
                started.incrementAndGet();
                synchronized (stuck) {
                    stuck.add(e);
                }
            })).subscribe().with(x -> {
            });
        }
        assertThat(started.get()).isEqualTo(2);
        assertThat(lanes.queued()).isEqualTo(3);

        String other = lanes.submit("acme/alive", () -> Uni.createFrom().item("delivered"))
                .await().atMost(Duration.ofSeconds(5));
        assertThat(other).isEqualTo("delivered");

        synchronized (stuck) {
            stuck.get(0).complete("done");
        }
        assertThat(started.get()).isEqualTo(3);
        assertThat(lanes.queued()).isEqualTo(2);
    }

    @Test
    void aFullLaneIsReportedSaturated() {
        IntegrationLanes lanes = new IntegrationLanes(vertx, 1, 0, 2);
        for (int i = 0; i < 3; i++) {
            lanes.submit("acme/full", () -> Uni.createFrom().<String>emitter(e -> {
            })).subscribe().with(x -> {
            });
        }
        assertThat(lanes.saturated()).containsExactly("acme/full");
    }

    @Test
    void theRateLimitSpacesCallsOut() {
        IntegrationLanes lanes = new IntegrationLanes(vertx, 10, 5, 100);
        long start = System.nanoTime();
        List<Uni<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(lanes.submit("acme/limited", () -> Uni.createFrom().item(System.nanoTime())));
        }
        List<Long> startedAt = Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(10));
        long last = startedAt.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(Duration.ofNanos(last - start)).as("5 in the burst, 5 more at 5/s").isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void aFailingCallFreesItsSlot() {
        IntegrationLanes lanes = new IntegrationLanes(vertx, 1, 0, 10);
        Uni<String> failing = lanes.submit("acme/x", () -> Uni.createFrom().failure(new IllegalStateException("boom")));
        assertThat(failing.onFailure().recoverWithItem("failed").await().atMost(Duration.ofSeconds(5))).isEqualTo("failed");
        assertThat(lanes.submit("acme/x", () -> Uni.createFrom().item("next")).await().atMost(Duration.ofSeconds(5)))
                .isEqualTo("next");
        assertThat(lanes.running()).isZero();
    }
}
