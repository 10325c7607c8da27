package ai.automations.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;

/** Trace ids in the logging MDC around a stretch of work, and the traceparent header of Kafka records. */
class TraceLogsTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theIdsAreInTheMdcWhileTheScopeIsOpenAndThePreviousOnesComeBack() {
        MDC.put(TraceLogs.TRACE_ID, "outer-trace");
        try (TraceLogs logs = TraceLogs.of(PARENT)) {
            assertThat(MDC.get(TraceLogs.TRACE_ID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(MDC.get(TraceLogs.SPAN_ID)).isEqualTo("00f067aa0ba902b7");
        }
        assertThat(MDC.get(TraceLogs.TRACE_ID)).isEqualTo("outer-trace");
        assertThat(MDC.get(TraceLogs.SPAN_ID)).isNull();
    }

    @Test
    void anUntracedStretchLeavesTheMdcAlone() {
        try (TraceLogs logs = TraceLogs.of(Span.getInvalid())) {
            assertThat(MDC.get(TraceLogs.TRACE_ID)).isNull();
        }
        try (TraceLogs logs = TraceLogs.of("garbage")) {
            assertThat(MDC.get(TraceLogs.TRACE_ID)).isNull();
        }
        try (TraceLogs logs = TraceLogs.of((String) null)) {
            assertThat(MDC.get(TraceLogs.SPAN_ID)).isNull();
        }
    }

    @Test
    void aRecordCarriesOneTraceparentHeaderAndGivesItBack() {
        RecordHeaders headers = new RecordHeaders();
        assertThat(KafkaTraces.traceparent(headers)).isNull();
        KafkaTraces.add(headers, null);
        assertThat(headers.toArray()).isEmpty();
        KafkaTraces.add(headers, "00-00000000000000000000000000000001-0000000000000001-01");
        KafkaTraces.add(headers, PARENT);
        assertThat(headers.headers(Tracing.TRACEPARENT)).hasSize(1);
        assertThat(KafkaTraces.traceparent(headers)).isEqualTo(PARENT);
    }
}
