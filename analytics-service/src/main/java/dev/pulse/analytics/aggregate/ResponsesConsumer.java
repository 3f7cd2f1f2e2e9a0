package dev.pulse.analytics.aggregate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Serves the channel {@value #CHANNEL} ({@code pulse.responses}).
 *
 * <p>Records arrive in Kafka batches (up to {@code max.poll.records}); a whole batch is counted in one
 * database transaction with three set-based statements, which is what lets one consumer keep up with
 * thousands of responses per second. The batch is acknowledged only after that transaction committed,
 * so the offset commit (throttled strategy) never runs ahead of what is stored; a redelivered response
 * is recognised by its id and not counted again. Batches are processed one after the other on a worker
 * thread ({@code @Blocking(ordered = true)}), which keeps the per-partition (hence per-round) order.
 *
 * <p>A record that cannot be counted (unreadable, or an answer outside 1..5) is nacked on its own; the
 * connector's {@code dead-letter-queue} failure strategy then copies it to {@code pulse.responses.dlq}
 * and the records behind it are still counted. A database failure is not the record's fault: it is
 * retried with back-off and never dead-lettered.
 *
 * <p>Anonymity: nothing here logs a payload or a response id.
 */
// Created at startup so the counters are exported (as 0) before the first record arrives.
@Startup
@ApplicationScoped
public class ResponsesConsumer {

    public static final String CHANNEL = "responses";
    static final String DEAD_LETTERED = "pulse.responses.dead.lettered";
    static final String COUNTED = "pulse.responses.counted";
    static final String DUPLICATES = "pulse.responses.duplicates";

    private static final Logger LOG = Logger.getLogger(ResponsesConsumer.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final AggregateStore store;
    private final MeterRegistry registry;
    private final Counter counted;
    private final Counter duplicates;

    public ResponsesConsumer(AggregateStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
        this.counted = Counter.builder(COUNTED).description("Responses added to the aggregates").register(registry);
        this.duplicates = Counter.builder(DUPLICATES)
                .description("Redelivered responses recognised by their id and not counted again").register(registry);
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<List<byte[]>> batch) {
        List<Message<?>> records = recordsOf(batch);
        List<dev.pulse.contracts.ResponseSubmitted> countable = new ArrayList<>(records.size());
        List<PoisonRecord> poison = new ArrayList<>();
        for (Message<?> record : records) {
            Object payload = record.getPayload();
            ResponseCheck.Verdict verdict = payload instanceof byte[] bytes
                    ? ResponseCheck.check(bytes)
                    : new ResponseCheck.Poison(ResponseCheck.Poison.MALFORMED);
            switch (verdict) {
                case ResponseCheck.Countable c -> countable.add(c.response());
                case ResponseCheck.Poison p -> poison.add(new PoisonRecord(record, p.reason()));
            }
        }
        int fresh;
        try {
            fresh = countWithRetry(countable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Shutting down: neither ack nor nack, so the batch is redelivered to whoever takes over.
            return new CompletableFuture<>();
        }
        counted.increment(fresh);
        duplicates.increment(countable.size() - fresh);
        // Dead-letter only after the good records are stored: a dead-lettered record's offset may be
        // committed as soon as it is on the DLQ, and must not carry earlier, uncounted records with it.
        for (PoisonRecord p : poison) {
            deadLetterCounter(p.reason()).increment();
            p.record().nack(new PoisonResponseException(p.reason())).toCompletableFuture().join();
        }
        if (!poison.isEmpty()) {
            LOG.warnf("dead-lettered %d unreadable response record(s) from a batch of %d", poison.size(), records.size());
        }
        return batch.ack();
    }

    private int countWithRetry(List<dev.pulse.contracts.ResponseSubmitted> countable) throws InterruptedException {
        Duration wait = FIRST_RETRY;
        while (true) {
            try {
                return store.count(countable);
            } catch (RuntimeException e) {
                LOG.warnf("counting a batch failed (%s), retrying in %d ms", describe(e), wait.toMillis());
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            }
        }
    }

    /**
     * Exception classes and SQL states only: a database message can quote the offending row, and that
     * row may hold a response id (anonymity: response ids never reach a log).
     */
    static String describe(Throwable e) {
        StringBuilder description = new StringBuilder();
        for (Throwable t = e; t != null && description.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            if (!description.isEmpty()) {
                description.append(" <- ");
            }
            description.append(t.getClass().getSimpleName());
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                description.append(" SQLState ").append(sql.getSQLState());
            }
        }
        return description.toString();
    }

    /**
     * The single records of a batch, each with its own nack (which the Kafka connector routes to the
     * dead letter topic). A message without Kafka batch metadata is treated as one batch whose records
     * can only be failed together.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Message<?>> recordsOf(Message<List<byte[]>> batch) {
        var metadata = batch.getMetadata(IncomingKafkaRecordBatchMetadata.class);
        if (metadata.isPresent() && !((IncomingKafkaRecordBatchMetadata<?, ?>) metadata.get()).getBatchedMessages().isEmpty()) {
            return ((IncomingKafkaRecordBatchMetadata<?, ?>) metadata.get()).getBatchedMessages();
        }
        List<Message<?>> records = new ArrayList<>();
        for (byte[] payload : batch.getPayload()) {
            records.add(Message.of(payload).withNack(reason -> batch.nack(reason)));
        }
        return records;
    }

    private Counter deadLetterCounter(String reason) {
        return Counter.builder(DEAD_LETTERED)
                .description("Response records that could not be counted and went to the dead letter topic")
                .tag("reason", reason)
                .register(registry);
    }

    private record PoisonRecord(Message<?> record, String reason) {
    }

    /** Why a record went to the dead letter topic; the message is a slug, never payload content. */
    public static final class PoisonResponseException extends RuntimeException {
        public PoisonResponseException(String reason) {
            super(reason, null, false, false);
        }
    }
}
