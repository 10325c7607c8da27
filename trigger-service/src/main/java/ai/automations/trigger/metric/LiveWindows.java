package ai.automations.trigger.metric;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * The window state of the partitions this instance currently owns, for the active-windows gauge. Follows partition
 * assignment through the run-metrics channel's rebalance listener.
 */
@ApplicationScoped
@Default
@Identifier("trigger-metrics-rebalance")
public class LiveWindows implements KafkaConsumerRebalanceListener {

    private final Map<Integer, PartitionWindows> partitions = new ConcurrentHashMap<>();
    /** Per owned partition, the offset after the last record evaluated (or the checkpoint's on assignment). */
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();

    public LiveWindows(MeterRegistry registry) {
        Gauge.builder("trigger.metric.windows.active", this, LiveWindows::windowCount).strongReference(true)
                .description("(run, metric) windows held in memory by this instance").register(registry);
        Gauge.builder("trigger.metric.partitions.owned", partitions, Map::size).strongReference(true)
                .description("Partitions of automation.run-metrics this instance evaluates").register(registry);
    }

    void assigned(int partition, PartitionWindows windows) {
        partitions.put(partition, windows);
    }

    /**
     * The state a batch is evaluated with, kept only while this instance still owns the partition: a batch polled
     * before a rebalance must not bring back a partition that was given away.
     */
    void evaluating(int partition, PartitionWindows windows) {
        partitions.computeIfPresent(partition, (p, previous) -> windows);
    }

    /** The checkpointed or evaluated position of an owned partition: every record before it has been evaluated. */
    void position(int partition, long nextOffset) {
        if (partitions.containsKey(partition)) {
            positions.merge(partition, nextOffset, Math::max);
        }
    }

    /** The offset up to which an owned partition has been evaluated (0 when nothing was yet), or -1 if not owned. */
    public long positionOf(int partition) {
        return partitions.containsKey(partition) ? positions.getOrDefault(partition, 0L) : -1;
    }

    /** The partitions of {@code automation.run-metrics} this instance owns now (RUN_STALLED fires only for those). */
    public int[] ownedPartitions() {
        return partitions.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    public long windowCount() {
        long count = 0;
        for (PartitionWindows p : partitions.values()) {
            count += p.windowCount;
        }
        return count;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
        revoked.forEach(tp -> {
            partitions.remove(tp.partition());
            positions.remove(tp.partition());
        });
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
        lost.forEach(tp -> {
            partitions.remove(tp.partition());
            positions.remove(tp.partition());
        });
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
        // the state store and the consumer register the real state; until then the partition counts as owned, empty
        assigned.forEach(tp -> partitions.putIfAbsent(tp.partition(), new PartitionWindows(tp.partition())));
    }
}
