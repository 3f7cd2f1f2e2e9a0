package dev.pulse.analytics.aggregate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.pulse.analytics.support.KafkaLikeBatch;
import dev.pulse.analytics.support.Messages;
import dev.pulse.contracts.ContractJson;
import dev.pulse.contracts.ResponseSubmitted;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ResponsesConsumerTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    AggregateStore store;

    @Inject
    MeterRegistry registry;

    private void deliver(KafkaLikeBatch batch) throws Exception {
        connector.source(ResponsesConsumer.CHANNEL).send(batch.message());
        batch.acked().get(20, TimeUnit.SECONDS);
    }

    private double deadLettered(String reason) {
        var counter = registry.find(ResponsesConsumer.DEAD_LETTERED).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void the_same_response_delivered_twice_is_counted_once() throws Exception {
        UUID round = UUID.randomUUID();
        byte[] once = Messages.response(round, "unit-a", Map.of("control.1@v1", 4, "roles.1@v1", 2));
        deliver(KafkaLikeBatch.of(once));
        deliver(KafkaLikeBatch.of(once));
        deliver(KafkaLikeBatch.of(once, once, Messages.response(round, "unit-a", Map.of("control.1@v1", 5))));

        RoundAggregates counted = store.load(round);
        assertEquals(2, counted.respondents("unit-a"));
        assertEquals(new Histogram(0, 0, 0, 1, 1), counted.answers("unit-a", "control.1@v1"));
        assertEquals(new Histogram(0, 1, 0, 0, 0), counted.answers("unit-a", "roles.1@v1"));
    }

    @Test
    void a_batch_counts_respondents_per_unit_and_answers_per_item_with_sum_and_histogram() throws Exception {
        UUID round = UUID.randomUUID();
        deliver(KafkaLikeBatch.of(
                Messages.response(round, "a", Map.of("x", 1, "y", 5)),
                Messages.response(round, "a", Map.of("x", 3)),
                Messages.response(round, "b", Map.of("y", 2)),
                Messages.response(round, "a", Map.of())));
        deliver(KafkaLikeBatch.of(Messages.response(round, "a", Map.of("x", 3))));

        RoundAggregates counted = store.load(round);
        assertEquals(Map.of("a", 4L, "b", 1L), counted.respondents());
        assertEquals(new Histogram(1, 0, 2, 0, 0), counted.answers("a", "x"));
        assertEquals(7, counted.answers("a", "x").sum());
        assertEquals(new Histogram(0, 0, 0, 0, 1), counted.answers("a", "y"));
        assertEquals(new Histogram(0, 1, 0, 0, 0), counted.answers("b", "y"));
    }

    @Test
    void a_batch_is_acknowledged_only_after_its_responses_are_stored() throws Exception {
        UUID round = UUID.randomUUID();
        var batch = KafkaLikeBatch.of(Messages.response(round, "a", Map.of("x", 4)))
                .onAck(() -> assertEquals(1, store.load(round).respondents("a"), "stored before the ack"));
        deliver(batch);
    }

    @Test
    void a_poison_record_is_dead_lettered_and_the_records_after_it_are_still_counted() throws Exception {
        UUID round = UUID.randomUUID();
        double invalidBefore = deadLettered("invalid-answer");
        double malformedBefore = deadLettered("malformed");
        byte[] outOfRange = ContractJson.encode(new ResponseSubmitted(1, UUID.randomUUID(), round, "a", Map.of("x", 7)));
        byte[] garbage = "{definitely not a response".getBytes(StandardCharsets.UTF_8);

        var mixed = KafkaLikeBatch.of(Messages.response(round, "a", Map.of("x", 5)), outOfRange,
                Messages.response(round, "a", Map.of("x", 4)), garbage);
        deliver(mixed);
        var later = KafkaLikeBatch.of(Messages.response(round, "a", Map.of("x", 3)));
        deliver(later);

        assertEquals(List.of(1, 3), mixed.deadLettered());
        assertEquals("invalid-answer", assertInstanceOf(ResponsesConsumer.PoisonResponseException.class,
                mixed.deadLetterReasons().get(0)).getMessage());
        assertEquals("malformed", mixed.deadLetterReasons().get(1).getMessage());
        assertFalse(mixed.batchNacked(), "the good records of the batch are acknowledged, not failed");
        assertEquals(List.of(), later.deadLettered());
        assertEquals(3, store.load(round).respondents("a"));
        assertEquals(new Histogram(0, 0, 1, 1, 1), store.load(round).answers("a", "x"));
        assertEquals(invalidBefore + 1, deadLettered("invalid-answer"));
        assertEquals(malformedBefore + 1, deadLettered("malformed"));
    }

    @Test
    void the_dead_letter_counter_is_exported_as_pulse_responses_dead_lettered_total() throws Exception {
        deliver(KafkaLikeBatch.of("[]".getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> io.restassured.RestAssured.get("/q/metrics")
                .then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("pulse_responses_dead_lettered_total{reason=\"malformed\"")));
    }

    @Test
    void a_database_failure_is_described_by_class_and_sql_state_only_never_by_its_message() {
        var sql = new java.sql.SQLException("Key (response_id)=(" + UUID.randomUUID() + ") already exists", "23505");
        String description = ResponsesConsumer.describe(new AggregateStore.AggregateStoreException("x", sql));
        org.junit.jupiter.api.Assertions.assertEquals("AggregateStoreException <- SQLException SQLState 23505", description);
    }
}
