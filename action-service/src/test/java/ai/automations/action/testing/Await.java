package ai.automations.action.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds (tests run on a slow, shared machine: generous timeouts, no fixed sleeps). */
public final class Await {

    public static final Duration DEFAULT = Duration.ofSeconds(60);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, () -> condition.getAsBoolean(), ok -> ok);
    }

    public static <T> T value(String what, Supplier<T> supplier, Predicate<T> accepted) {
        return value(what, DEFAULT, supplier, accepted);
    }

    public static <T> T value(String what, Duration timeout, Supplier<T> supplier, Predicate<T> accepted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Throwable failure = null;
        while (true) {
            try {
                last = supplier.get();
                if (last != null && accepted.test(last)) {
                    return last;
                }
                failure = null;
            } catch (RuntimeException | AssertionError e) {
                failure = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; last value: " + last,
                        failure);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Lets time pass to show that something does NOT happen (only after the positive assertions). */
    public static void quietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
