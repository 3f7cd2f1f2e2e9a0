package dev.pulse.analytics.support;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * A batch shaped like the one the Kafka connector delivers with {@code batch=true}: a message whose
 * payload is the list of values and whose {@link IncomingKafkaRecordBatchMetadata} lists one message per
 * record. The in-memory connector has no failure strategies, so each record's nack is recorded here: in
 * production the connector's dead-letter-queue strategy turns exactly that nack into a record on the
 * dead letter topic.
 */
public final class KafkaLikeBatch {

    private final List<byte[]> values;
    private final List<Integer> deadLettered = new CopyOnWriteArrayList<>();
    private final List<Throwable> deadLetterReasons = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> acked = new CompletableFuture<>();
    private final CompletableFuture<Throwable> nacked = new CompletableFuture<>();
    private Supplier<Void> onAck = () -> null;

    private KafkaLikeBatch(List<byte[]> values) {
        this.values = values;
    }

    public static KafkaLikeBatch of(byte[]... values) {
        return new KafkaLikeBatch(List.of(values));
    }

    /** Runs {@code check} at the moment the consumer acknowledges the batch (before it completes). */
    public KafkaLikeBatch onAck(Runnable check) {
        this.onAck = () -> {
            check.run();
            return null;
        };
        return this;
    }

    public Message<List<byte[]>> message() {
        List<Message<?>> records = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            int index = i;
            records.add(Message.of(values.get(i)).withNack(reason -> {
                deadLettered.add(index);
                deadLetterReasons.add(reason);
                return CompletableFuture.completedFuture(null);
            }));
        }
        var metadata = new IncomingKafkaRecordBatchMetadata<String, byte[]>(ConsumerRecords.empty(), records,
                "responses", 0, Map.of(), -1);
        return Message.of(values, Metadata.of(metadata), () -> {
            try {
                onAck.get();
                acked.complete(null);
            } catch (Throwable e) {
                acked.completeExceptionally(e);
            }
            return CompletableFuture.completedFuture(null);
        }, reason -> {
            nacked.complete(reason);
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Indexes of the records that were nacked (dead-lettered), in order. */
    public List<Integer> deadLettered() {
        return List.copyOf(deadLettered);
    }

    public List<Throwable> deadLetterReasons() {
        return List.copyOf(deadLetterReasons);
    }

    public CompletableFuture<Void> acked() {
        return acked;
    }

    public boolean batchNacked() {
        return nacked.isDone();
    }
}
