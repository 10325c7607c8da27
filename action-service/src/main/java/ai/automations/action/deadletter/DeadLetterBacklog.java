package ai.automations.action.deadletter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * How many dead letters {@code automation.actions.dlq} holds: the sum over its partitions of end minus start offset,
 * asked of the broker every 30 s ({@code automations.dead-letters.backlog-every}). Unlike the count of letters published, it falls when retention removes
 * letters and is the same whichever instance answers, so the dashboard's "DLQ size" and the growth alert read it.
 * Unknown (NaN) until the first answer and while the broker does not answer; 0 while the topic does not exist.
 */
@ApplicationScoped
public class DeadLetterBacklog {

    /** On /q/metrics as {@code automations_dead_letters_backlog}. */
    public static final String BACKLOG = "automations.dead.letters.backlog";
    /** How often the broker is asked: {@code automations.dead-letters.backlog-every}, 30 s unless set. */
    static final String EVERY = "${automations.dead-letters.backlog-every:30s}";

    private final Map<String, Object> adminConfig = new HashMap<>();
    private final AtomicReference<Double> size = new AtomicReference<>(Double.NaN);
    private Admin admin;

    public DeadLetterBacklog(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry metrics) {
        kafkaConfig.forEach((key, value) -> {
            if (key.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) || key.startsWith("security.")
                    || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                adminConfig.put(key, value);
            }
        });
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "action-service-dlq-backlog");
        Gauge.builder(BACKLOG, size, AtomicReference::get)
                .description("Dead letters retained on automation.actions.dlq (end minus start offsets)")
                .register(metrics);
    }

    /** The last size learnt, NaN when unknown. */
    public double size() {
        return size.get();
    }

    @Scheduled(every = EVERY, delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return measure().onItemOrFailure().invoke((letters, failure) -> {
            if (failure != null) {
                Log.debugf("The dead-letter topic's size is unknown for now (%s)", failure.getClass().getSimpleName());
                size.set(Double.NaN);
            } else {
                size.set(letters.doubleValue());
            }
        }).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** End minus start offset summed over the topic's partitions; 0 when the topic does not exist yet. */
    public Uni<Long> measure() {
        return Uni.createFrom().completionStage(() -> admin().describeTopics(Set.of(DeadLetters.TOPIC))
                        .allTopicNames().toCompletionStage())
                .chain(topics -> {
                    List<TopicPartition> partitions = topics.get(DeadLetters.TOPIC).partitions().stream()
                            .map(p -> new TopicPartition(DeadLetters.TOPIC, p.partition())).toList();
                    return offsets(partitions, OffsetSpec.earliest()).chain(start -> offsets(partitions,
                            OffsetSpec.latest()).map(end -> {
                                long letters = 0;
                                for (TopicPartition tp : partitions) {
                                    letters += Math.max(0, end.get(tp).offset() - start.get(tp).offset());
                                }
                                return letters;
                            }));
                })
                .onFailure(f -> f instanceof UnknownTopicOrPartitionException
                        || f.getCause() instanceof UnknownTopicOrPartitionException)
                .recoverWithItem(0L);
    }

    private Uni<Map<TopicPartition, ListOffsetsResultInfo>> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        partitions.forEach(tp -> ask.put(tp, spec));
        return Uni.createFrom().completionStage(() -> admin().listOffsets(ask).all().toCompletionStage());
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig);
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
