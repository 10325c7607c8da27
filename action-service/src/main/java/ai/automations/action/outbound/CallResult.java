package ai.automations.action.outbound;

/**
 * What one outbound HTTP call produced: a status and (the start of) a body, or a failure before a response arrived.
 * {@code retryAfter} is the raw {@code Retry-After} header, if any.
 */
public record CallResult(Integer statusCode, String body, String retryAfter, Failure failure, String error, long durationMs) {

    /** Why no response was received. */
    public enum Failure {
        /** The URL is not an absolute http(s) URL, or the request cannot be built from it and its headers. */
        INVALID_URL,
        /** The address is not allowed (loopback, private, metadata...). */
        REFUSED_ADDRESS,
        /** The host name does not resolve. */
        UNRESOLVABLE,
        /** No connection could be made. */
        CONNECT,
        /** The deadline passed before the whole response arrived. */
        TIMEOUT,
        /** The connection broke during the exchange. */
        IO
    }

    public static CallResult response(int statusCode, String body, String retryAfter, long durationMs) {
        return new CallResult(statusCode, body, retryAfter, null, null, durationMs);
    }

    public static CallResult failed(Failure failure, String error, long durationMs) {
        return new CallResult(null, null, null, failure, error, durationMs);
    }

    public boolean hasResponse() {
        return statusCode != null;
    }

    public boolean is2xx() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /** Failures where trying again later may succeed. */
    public boolean isTransientFailure() {
        return failure == Failure.UNRESOLVABLE || failure == Failure.CONNECT || failure == Failure.TIMEOUT
                || failure == Failure.IO;
    }
}
