package ai.automations.common.error;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.quarkus.logging.Log;

/**
 * A request that waited in vain for a database connection failed because the service is overloaded, not because it is
 * wrong: the caller gets a 503 it may retry, and the log gets one line per interval with the count instead of a stack
 * trace per request (thousands of them under a burst cost the CPU the service is short of).
 */
final class Overload {

    /** At most one log line per this many nanoseconds. */
    static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private static final Overload SHARED = new Overload(System::nanoTime);

    /** The message of the Vert.x SQL pool's failure when its wait for a free connection times out. */
    private static final String POOL_TIMEOUT = "Timeout waiting for connection";

    private final LongSupplier nanos;
    private final AtomicLong since = new AtomicLong();
    private final AtomicLong lastLog;

    Overload(LongSupplier nanos) {
        this.nanos = nanos;
        this.lastLog = new AtomicLong(nanos.getAsLong() - LOG_INTERVAL_NANOS);
    }

    static Overload shared() {
        return SHARED;
    }

    /** True when {@code e}, or one of its causes, is a connection pool's wait timing out. */
    static boolean isPoolExhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith(POOL_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }

    /** Counts one refused request; logs the count when the interval has passed. True when it logged. */
    boolean record(Throwable e) {
        since.incrementAndGet();
        long now = nanos.getAsLong();
        long last = lastLog.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
            long refused = since.getAndSet(0);
            Log.warnf("Overloaded: %d request(s) refused with 503 since the last report (%s); raise the pool size "
                    + "or add instances if this persists", refused, e.getMessage());
            return true;
        }
        return false;
    }
}
