package ai.automations.common.kafka;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * Sends a batch of records with the Kafka producer of a configured outgoing channel, in list order, from one task on
 * the producer's sending thread (so the event loop never blocks and thousands of records cost one hand-off). The
 * answer is how many records, counted from the first, the broker acknowledged: a caller that retries from there
 * never lets a record overtake an earlier one of the same key.
 */
@ApplicationScoped
public class KafkaBatchSender {

    private final KafkaClientService clients;

    public KafkaBatchSender(KafkaClientService clients) {
        this.clients = clients;
    }

    public <K, V> Uni<Integer> send(String channel, List<ProducerRecord<K, V>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return clients.<K, V>getProducer(channel).runOnSendingThread(producer -> {
            CompletableFuture<?>[] acks = new CompletableFuture<?>[records.size()];
            for (int i = 0; i < records.size(); i++) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                acks[i] = ack;
                try {
                    producer.send(records.get(i), (metadata, error) -> {
                        if (error == null) {
                            ack.complete(null);
                        } else {
                            ack.completeExceptionally(error);
                        }
                    });
                } catch (RuntimeException e) {
                    for (int j = i; j < records.size(); j++) {
                        if (acks[j] == null) {
                            acks[j] = CompletableFuture.failedFuture(e);
                        } else {
                            acks[j].completeExceptionally(e);
                        }
                    }
                    break;
                }
            }
            return acks;
        }).flatMap(acks -> Uni.createFrom().completionStage(CompletableFuture.allOf(acks)
                .handle((done, error) -> acknowledgedPrefix(acks, channel))));
    }

    private static int acknowledgedPrefix(CompletableFuture<?>[] acks, String channel) {
        for (int i = 0; i < acks.length; i++) {
            if (acks[i].isCompletedExceptionally()) {
                Throwable cause = acks[i].handle((x, e) -> e).join();
                Log.warnf("Kafka did not acknowledge record %d of %d on channel %s: %s", i + 1, acks.length, channel,
                        cause == null ? "?" : cause.getMessage());
                return i;
            }
        }
        return acks.length;
    }
}
