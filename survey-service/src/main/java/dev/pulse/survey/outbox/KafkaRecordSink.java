package dev.pulse.survey.outbox;

import dev.pulse.contracts.Topics;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Idempotent, acks=all producer; creates the topics it needs on first use. */
@ApplicationScoped
public class KafkaRecordSink implements RecordSink {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final int responsePartitions;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile boolean topicsReady;

    public KafkaRecordSink(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                           @ConfigProperty(name = "pulse.kafka.response-partitions", defaultValue = "4") int responsePartitions) {
        this.bootstrap = bootstrap;
        this.responsePartitions = responsePartitions;
    }

    @Override
    public void sendAll(List<OutgoingRecord> records) throws Exception {
        ensureTopics();
        KafkaProducer<String, byte[]> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (OutgoingRecord r : records) {
            acks.add(p.send(new ProducerRecord<>(r.topic(), null, r.timestamp().toEpochMilli(), r.key(), r.value())));
        }
        p.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "survey-outbox");
                    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    private void ensureTopics() throws Exception {
        if (topicsReady) {
            return;
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", 10_000,
                "default.api.timeout.ms", 15_000))) {
            List<NewTopic> topics = List.of(
                    new NewTopic(Topics.RESPONSES, responsePartitions, (short) 1),
                    // Compacted: analytics rebuilds the latest state of every round from it.
                    new NewTopic(Topics.ROUNDS, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(Topics.RESPONSES_DEAD_LETTER, 1, (short) 1));
            for (var result : admin.createTopics(topics).values().values()) {
                try {
                    result.get(15, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        topicsReady = true;
    }

    void close(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
