package ai.automations.trigger.stall;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.automations.common.event.Topics;
import io.smallrye.mutiny.Uni;

/**
 * The end offsets of {@code automation.run-metrics} partitions, from the broker: a stall is fired only for a partition
 * whose history has been evaluated up to where it ended at the previous check, so that history logged while the
 * instance was down or catching up re-arms a deadline before that deadline is judged.
 */
@ApplicationScoped
public class EndOffsets {

    private final String bootstrap;
    private Admin admin;

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
