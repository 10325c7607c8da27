package ai.automations.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.vertx.core.VertxException;

/** A pool that could not hand out a connection in time means overload: a retryable 503, logged once per interval. */
class OverloadTest {

    @Test
    void poolWaitTimeoutIsA503WithRetryAfterInTheContractFormat() {
        Response response = new ApiErrorMapper().unexpected(new VertxException("Timeout waiting for connection"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo(ApiErrorMapper.RETRY_AFTER_SECONDS);
        ApiError error = (ApiError) response.getEntity();
        assertThat(error.error()).isEqualTo("UNAVAILABLE");
        assertThat(error.message()).doesNotContain("Vertx").doesNotContain("Exception");
    }

    @Test
    void aTimeoutFoundAmongTheCausesCountsToo() {
        Exception wrapped = new IllegalStateException("mapping failed",
                new RuntimeException(new VertxException("Timeout waiting for connection")));

        assertThat(Overload.isPoolExhausted(wrapped)).isTrue();
        assertThat(new ApiErrorMapper().unexpected(wrapped).getStatus()).isEqualTo(503);
    }

    @Test
    void anyOtherFailureStaysA500() {
        Response response = new ApiErrorMapper().unexpected(new VertxException("Connection reset"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(((ApiError) response.getEntity()).error()).isEqualTo("INTERNAL");
        assertThat(Overload.isPoolExhausted(new IllegalStateException((String) null))).isFalse();
    }

    @Test
    void logsAtMostOncePerInterval() {
        AtomicLong now = new AtomicLong(1_000);
        Overload overload = new Overload(now::get);
        Exception e = new VertxException("Timeout waiting for connection");

        assertThat(overload.record(e)).isTrue();
        assertThat(overload.record(e)).isFalse();
        now.addAndGet(Overload.LOG_INTERVAL_NANOS - 1);
        assertThat(overload.record(e)).isFalse();
        now.addAndGet(1);
        assertThat(overload.record(e)).isTrue();
    }
}
