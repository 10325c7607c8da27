package ai.automations.trigger.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class LiveWindowsTest {

    private static final String TOPIC = "automation.run-metrics";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LiveWindows live = new LiveWindows(registry);

    @Test
    void aBatchPolledBeforeARevocationDoesNotBringThePartitionBack() {
        live.onPartitionsAssigned(null, List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)));
        live.onPartitionsRevoked(null, List.of(new TopicPartition(TOPIC, 1)));

        live.evaluating(1, windows(1, 7));

        assertThat(owned()).isEqualTo(1.0);
        assertThat(live.windowCount()).isZero();
    }

    @Test
    void theStateABatchIsEvaluatedWithIsCountedWhileThePartitionIsOwned() {
        live.onPartitionsAssigned(null, List.of(new TopicPartition(TOPIC, 0)));
        live.evaluating(0, windows(0, 7));
        assertThat(live.windowCount()).isEqualTo(7);

        live.assigned(0, windows(0, 3));
        assertThat(live.windowCount()).isEqualTo(3);

        live.onPartitionsLost(null, List.of(new TopicPartition(TOPIC, 0)));
        assertThat(owned()).isZero();
        assertThat(live.windowCount()).isZero();
    }

    private double owned() {
        return registry.get("trigger.metric.partitions.owned").gauge().value();
    }

    private static PartitionWindows windows(int partition, int count) {
        PartitionWindows windows = new PartitionWindows(partition);
        windows.windowCount = count;
        return windows;
    }
}
