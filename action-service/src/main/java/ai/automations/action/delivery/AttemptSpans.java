package ai.automations.action.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.tracing.Tracing;

/**
 * The {@code traceparent} of each attempt under way, by execution id: the attempt's span is started in
 * {@link AttemptMaker} and what the attempt calls (the secrets lookup, the outgoing webhook) joins it from here, since
 * reactive code crosses threads and cannot rely on a thread-local context.
 */
@ApplicationScoped
public class AttemptSpans {

    private final Map<String, String> underWay = new ConcurrentHashMap<>();

    void begin(String executionId, String traceparent) {
        if (traceparent != null) {
            underWay.put(executionId, traceparent);
        }
    }

    void end(String executionId) {
        underWay.remove(executionId);
    }

    /** The {@code traceparent} of the attempt of {@code executionId} under way, or null (untraced or none). */
    public String traceparent(String executionId) {
        return executionId == null ? null : underWay.get(executionId);
    }

    /** Whether tracing is on at all (a cheap check before building attributes). */
    static boolean traced(Tracing tracing, String parent) {
        return tracing.enabled() && parent != null;
    }
}
