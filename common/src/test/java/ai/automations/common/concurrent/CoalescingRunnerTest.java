package ai.automations.common.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class CoalescingRunnerTest {

    /** Passes that finish only when the test completes them, in the order they started. */
    private final List<CompletableFuture<Boolean>> passes = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final CoalescingRunner runner = new CoalescingRunner(() -> {
        CompletableFuture<Boolean> pass = new CompletableFuture<>();
        passes.add(pass);
        return Uni.createFrom().completionStage(pass);
    }, failures::add);

    @Test
    void aKickWhenIdleRunsOnePass() {
        runner.kick();

        assertThat(passes).hasSize(1);
        assertThat(runner.running()).isTrue();
        passes.get(0).complete(false);
        assertThat(passes).hasSize(1);
        assertThat(runner.running()).isFalse();
    }

    @Test
    void kicksWhileAPassRunsAreFoldedIntoExactlyOneMorePass() {
        runner.kick();
        runner.kick();
        runner.kick();
        runner.kick();
        assertThat(passes).hasSize(1);

        passes.get(0).complete(false);
        assertThat(passes).hasSize(2);

        passes.get(1).complete(false);
        assertThat(passes).hasSize(2);
        assertThat(runner.running()).isFalse();
    }

    @Test
    void aKickDuringTheExtraPassBringsOneMore() {
        runner.kick();
        runner.kick();
        passes.get(0).complete(false);
        runner.kick();
        passes.get(1).complete(false);
        passes.get(2).complete(false);

        assertThat(passes).hasSize(3);
    }

    @Test
    void aPassThatLeftWorkBehindRunsAgainWithoutAKick() {
        runner.kick();
        passes.get(0).complete(true);
        passes.get(1).complete(true);
        passes.get(2).complete(false);

        assertThat(passes).hasSize(3);
        assertThat(runner.running()).isFalse();
    }

    @Test
    void aFailedPassIsReportedAndNotRepeatedUnlessKickedMeanwhile() {
        runner.kick();
        IllegalStateException broken = new IllegalStateException("broker down");
        passes.get(0).completeExceptionally(broken);

        assertThat(failures).containsExactly(broken);
        assertThat(passes).hasSize(1);
        assertThat(runner.running()).isFalse();

        runner.kick();
        runner.kick();
        passes.get(1).completeExceptionally(broken);
        assertThat(passes).hasSize(3);
        passes.get(2).complete(false);
        assertThat(runner.running()).isFalse();
    }

    @Test
    void aPassThatThrowsBeforeReturningIsReportedAndTheRunnerStaysUsable() {
        AtomicInteger calls = new AtomicInteger();
        List<Throwable> seen = new ArrayList<>();
        CoalescingRunner throwing = new CoalescingRunner(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalArgumentException("bad");
            }
            return Uni.createFrom().item(false);
        }, seen::add);

        throwing.kick();
        throwing.kick();

        assertThat(seen).hasSize(1);
        assertThat(calls).hasValue(2);
        assertThat(throwing.running()).isFalse();
    }

    @Test
    void passesNeverOverlapAndTheLastKickIsAlwaysFollowedByAPass() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        AtomicLong lastKick = new AtomicLong();
        AtomicLong lastPassStart = new AtomicLong();
        AtomicLong clock = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        ExecutorService passThreads = Executors.newFixedThreadPool(2);
        try {
            CoalescingRunner async = new CoalescingRunner(() -> Uni.createFrom().item(() -> {
                maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                lastPassStart.set(clock.incrementAndGet());
                concurrent.decrementAndGet();
                return false;
            }).runSubscriptionOn(passThreads), e -> {
            });
            CountDownLatch done = new CountDownLatch(4);
            for (int t = 0; t < 4; t++) {
                threads.execute(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        lastKick.accumulateAndGet(clock.incrementAndGet(), Math::max);
                        async.kick();
                    }
                    done.countDown();
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((async.running() || lastPassStart.get() < lastKick.get()) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }

            assertThat(maxConcurrent).hasValue(1);
            assertThat(lastPassStart.get()).isGreaterThan(lastKick.get());
        } finally {
            threads.shutdownNow();
            passThreads.shutdownNow();
        }
    }
}
