package dev.pulse.deploy.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.deploy.security.Live;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A record on pulse.responses that is not a ResponseSubmitted must not stop the count: analytics-service copies
 * it to pulse.responses.dlq, counts it in its dead-letter metric, and still counts the valid answer behind it.
 */
class PoisonMessageIT {
    private static final String TOPIC = Live.env("KAFKA_TOPIC_RESPONSES", "pulse.responses");
    private static final String DLQ = TOPIC + ".dlq";
    private static final Pattern DEAD_LETTERED = Pattern.compile("(?m)^pulse_responses_dead_lettered_total\\{[^}]*} ([0-9.eE+]+)$");

    /** Summed over every analytics-service instance (./pulse up --scale 2 adds one): whichever owns the partition counts. */
    static double deadLettered() {
        double sum = 0;
        for (String port : List.of(Live.env("ANALYTICS_PORT", "8082"), Live.env("ANALYTICS_PORT_2", "8092"))) {
            String metrics;
            try {
                var res = Live.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + Live.HOST + ":" + port
                        + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                metrics = res.statusCode() == 200 ? res.body() : "";
            } catch (java.io.IOException e) {
                continue; // no second instance
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Matcher m = DEAD_LETTERED.matcher(metrics);
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
        }
        return sum;
    }

    static long respondents(String roundId) throws Exception {
        try (Connection a = Live.analyticsDb()) {
            return Live.count(a, "select coalesce(sum(respondents), 0) from unit_aggregate where round_id = ?", UUID.fromString(roundId));
        }
    }

    @Test
    void a_poison_record_is_dead_lettered_counted_in_the_metric_and_the_next_answer_still_counts() throws Exception {
        String[] round = Live.openRound("Poison");
        String roundId = round[1];
        try {
            double before = deadLettered();
            String marker = "poison-" + UUID.randomUUID();
            Properties p = new Properties();
            p.put("bootstrap.servers", Live.KAFKA);
            p.put("max.block.ms", "15000");
            try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                // keyed by the round like real records, so it sits in the same partition right before the valid answer
                producer.send(new ProducerRecord<>(TOPIC, roundId, ("{\"not\":\"a response\",\"marker\":\"" + marker + "\"")
                        .getBytes(StandardCharsets.UTF_8))).get();
            }
            Live.Ballot ballot = Live.ballot("emp070", roundId, new SecureRandom());
            Live.require(Live.call("POST", Live.GATEWAY + "/api/responses", null,
                    ballot.submission(roundId, Live.answers(Live.myRound("emp071", roundId).orElseThrow(), 3))), 202);

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long counted = 0;
            double after = before;
            while (System.nanoTime() < deadline && (counted < 1 || after < before + 1)) {
                Thread.sleep(500);
                counted = respondents(roundId);
                after = deadLettered();
            }
            boolean onDlq = dlqHolds(marker);
            System.out.printf("poison message: dead-lettered metric %.0f -> %.0f, on %s: %s, valid answer counted: %d%n", before, after,
                    DLQ, onDlq, counted);
            assertEquals(1, counted, "the valid answer behind the poison record is counted once");
            assertTrue(after >= before + 1, "pulse_responses_dead_lettered_total increments");
            assertTrue(onDlq, "the poison record is on " + DLQ);
        } finally {
            Live.closeRound(roundId);
        }
    }

    private static boolean dlqHolds(String marker) {
        Properties p = new Properties();
        p.put("bootstrap.servers", Live.KAFKA);
        p.put("group.id", "poison-it-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DLQ));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && new String(r.value(), StandardCharsets.UTF_8).contains(marker)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
