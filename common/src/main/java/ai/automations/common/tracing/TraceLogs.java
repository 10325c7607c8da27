package ai.automations.common.tracing;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Puts a span's ids in the logging MDC ({@code traceId}, {@code spanId}) for the lines logged while it is current, so
 * that a log line written outside a REST request (a Kafka consumer, the delivery worker) still leads to its trace. The
 * JSON console format shows them as fields ({@code quarkus.log.console.json.mdc.flat-fields}). Reactive code hops
 * threads, so the ids are set around synchronous stretches only and the previous values are put back on close.
 */
public final class TraceLogs implements AutoCloseable {

    /** The MDC key of the trace id (32 hex digits). */
    public static final String TRACE_ID = "traceId";
    /** The MDC key of the span id (16 hex digits). */
    public static final String SPAN_ID = "spanId";

    private static final TraceLogs NONE = new TraceLogs(false, null, null);

    private final boolean set;
    private final Object previousTrace;
    private final Object previousSpan;

    private TraceLogs(boolean set, Object previousTrace, Object previousSpan) {
        this.set = set;
        this.previousTrace = previousTrace;
        this.previousSpan = previousSpan;
    }

    /** The ids of {@code span} in the MDC until {@link #close()}; nothing at all for an unrecorded span. */
    public static TraceLogs of(Span span) {
        SpanContext context = span == null ? null : span.getSpanContext();
        if (context == null || !context.isValid()) {
            return NONE;
        }
        TraceLogs scope = new TraceLogs(true, MDC.get(TRACE_ID), MDC.get(SPAN_ID));
        MDC.put(TRACE_ID, context.getTraceId());
        MDC.put(SPAN_ID, context.getSpanId());
        return scope;
    }

    /** The ids of a W3C {@code traceparent} in the MDC until {@link #close()}; nothing for null or garbage. */
    public static TraceLogs of(String traceparent) {
        return traceparent == null ? NONE : of(Span.wrap(Tracing.spanContext(traceparent)));
    }

    @Override
    public void close() {
        if (!set) {
            return;
        }
        restore(TRACE_ID, previousTrace);
        restore(SPAN_ID, previousSpan);
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
