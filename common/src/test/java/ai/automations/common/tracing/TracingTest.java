package ai.automations.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;

/** The W3C propagation helpers every hop relies on, with tracing on and off. */
class TracingTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aSpanStartedFromATraceparentContinuesThatTraceUnderANewSpanId() {
        Tracing tracing = new Tracing(config(true, 1.0), "test");
        Span span = tracing.start("child", SpanKind.CONSUMER, PARENT);
        String own = Tracing.traceparent(span);
        span.end();
        assertThat(own).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-[0-9a-f]{2}")
                .isNotEqualTo(PARENT);
        assertThat(sampled(own)).isTrue();
        assertThat(Tracing.traceId(own)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void withoutAParentANewSampledTraceStarts() {
        Tracing tracing = new Tracing(config(true, 1.0), "test");
        Span span = tracing.start("root", SpanKind.INTERNAL, null);
        assertThat(Tracing.traceparent(span)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        assertThat(sampled(Tracing.traceparent(span))).isTrue();
        span.end();
    }

    @Test
    void aZeroSamplerKeepsNoNewTraceButFollowsASampledCaller() {
        Tracing tracing = new Tracing(config(true, 0.0), "test");
        assertThat(sampled(Tracing.traceparent(tracing.start("root", SpanKind.INTERNAL, null)))).isFalse();
        assertThat(sampled(Tracing.traceparent(tracing.start("child", SpanKind.INTERNAL, PARENT)))).isTrue();
    }

    @Test
    void whenOffEverySpanIsANoOpWithoutContext() {
        Tracing tracing = new Tracing(config(false, 1.0), "test");
        assertThat(tracing.enabled()).isFalse();
        assertThat(Tracing.traceparent(tracing.start("child", SpanKind.CONSUMER, PARENT))).isNull();
        assertThat(Tracing.currentTraceparent()).isNull();
    }

    @Test
    void unreadableTraceparentsHaveNoTraceId() {
        assertThat(Tracing.traceId(null)).isNull();
        assertThat(Tracing.traceId("garbage")).isNull();
        assertThat(Tracing.traceId("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isNull();
    }

    /** The W3C "sampled" bit of the trace flags (the SDK may also set the level-2 "random" bit). */
    private static boolean sampled(String traceparent) {
        return (Integer.parseInt(traceparent.substring(traceparent.length() - 2), 16) & 1) == 1;
    }

    private static TracingConfig config(boolean enabled, double sampler) {
        return new TracingConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public String endpoint() {
                return "http://127.0.0.1:9";
            }

            @Override
            public double sampler() {
                return sampler;
            }

            @Override
            public Optional<String> serviceName() {
                return Optional.empty();
            }

            @Override
            public Duration exportDelay() {
                return Duration.ofMinutes(10);
            }
        };
    }
}
