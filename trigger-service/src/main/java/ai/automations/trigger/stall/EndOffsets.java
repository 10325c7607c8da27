package ai.automations.trigger.stall;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.automations.common.event.Topics;
import io.smallrye.mutiny.Uni;

/**
 * The end offsets of {@code automation.run-metrics} partitions, from the broker: a stall is fired only for a partition
 * whose history has been evaluated up to where it ended at the previous check, so that history logged while the
 * instance was down or catching up re-arms a deadline before that deadline is judged. Also the partition a run's
 * history goes to (records are keyed by run id), whose owner fires the stalls of a run armed before any history.
 */
@ApplicationScoped
public class EndOffsets {

    private final String bootstrap;
    private Admin admin;
    private volatile int partitionCount;

    public EndOffsets(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** The current end offset of each of these partitions. */
    public Uni<Map<Integer, Long>> of(int[] partitions) {
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        for (int p : partitions) {
            ask.put(new TopicPartition(Topics.RUN_METRICS, p), OffsetSpec.latest());
        }
        return Uni.createFrom().completionStage(() -> admin().listOffsets(ask).all().toCompletionStage())
                .map(found -> {
                    Map<Integer, Long> out = new HashMap<>();
                    found.forEach((tp, info) -> out.put(tp.partition(), info.offset()));
                    return out;
                });
    }

    /**
     * The partition of {@code automation.run-metrics} that history keyed by {@code runId} goes to: Kafka's default
     * partitioner for a keyed record (murmur2 of the key's bytes). The topic's partition count is read once.
     */
    public Uni<Integer> partitionOf(String runId) {
        return partitionCount().map(n -> Utils.toPositive(Utils.murmur2(runId.getBytes(StandardCharsets.UTF_8))) % n);
    }

    private Uni<Integer> partitionCount() {
        int known = partitionCount;
        if (known > 0) {
            return Uni.createFrom().item(known);
        }
        return Uni.createFrom().completionStage(() -> admin().describeTopics(List.of(Topics.RUN_METRICS))
                .allTopicNames().toCompletionStage())
                .map(found -> {
                    int n = found.get(Topics.RUN_METRICS).partitions().size();
                    partitionCount = n;
                    return n;
                });
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "trigger-service-stall-offsets");
            admin = Admin.create(props);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
