package dev.pulse.survey.outbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.contracts.ContractJson;
import dev.pulse.contracts.ResponseSubmitted;
import dev.pulse.contracts.RoundEvent;
import dev.pulse.contracts.Topics;
import dev.pulse.survey.support.Campaigns;
import dev.pulse.survey.support.Keycloak;
import dev.pulse.survey.support.Voter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxRelayTest {
    @Inject
    OutboxRelay relay;
    @Inject
    RecordingSink sink;

    private String answerOnce(String user, String roundId) {
        String[] submission = ballot(user, roundId);
        given().contentType("application/json").body(submission[1]).post("/api/responses").then().statusCode(202);
        return submission[0];
    }

    /** {item answered, body of POST /api/responses} for a fresh ballot of {@code user}. */
    private String[] ballot(String user, String roundId) {
        var round = given().header("Authorization", Keycloak.bearer(user)).get("/api/me/rounds").then().extract()
                .jsonPath();
        String path = "find { it.roundId == '" + roundId + "' }";
        String keyId = round.getString(path + ".keyId");
        String item = round.getString(path + ".items[0].id");
        String pk = given().get("/api/rounds/" + roundId + "/keys").then().extract().jsonPath()
                .getString("find { it.keyId == '" + keyId + "' }.publicKey");
        Voter voter = new Voter(pk);
        String blindSig = given().header("Authorization", Keycloak.bearer(user)).contentType("application/json")
                .body("{\"blindedMsg\":\"" + voter.blindedMsg() + "\"}").post("/api/rounds/" + roundId + "/ballots")
                .then().statusCode(200).extract().path("blindSig");
        return new String[] {item, "{\"roundId\":\"" + roundId + "\",\"keyId\":\"" + keyId
                + "\",\"token\":" + voter.token(blindSig) + ",\"answers\":{\"" + item + "\":4}}"};
    }

    @Test
    void the_closed_event_carries_exactly_the_answers_accepted_even_when_answers_race_the_close() throws Exception {
        String roundId = Campaigns.openRound(Campaigns.create("Close race " + System.nanoTime(), List.of("/production"), 5));
        List<String> bodies = new java.util.ArrayList<>();
        for (int u = 20; u < 30; u++) {
            bodies.add(ballot(String.format("emp%03d", u), roundId)[1]);
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(bodies.size() + 1);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        try {
            for (String body : bodies) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().contentType("application/json").body(body).post("/api/responses").statusCode();
                }));
            }
            var close = pool.submit(() -> {
                start.await();
                Thread.sleep(5);
                return given().header("Authorization", Keycloak.bearer("hr")).post("/api/rounds/" + roundId + "/close")
                        .statusCode();
            });
            start.countDown();
            assertEquals(200, close.get(60, java.util.concurrent.TimeUnit.SECONDS));
            long accepted = 0;
            for (var a : answers) {
                int status = a.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(status == 202 || status == 409, "accepted, or refused because the round closed: " + status);
                accepted += status == 202 ? 1 : 0;
            }
            while (relay.relayOnce() > 0) {
                // bounded by the rows that exist
            }
            List<RoundEvent> events = sink.sent().stream().filter(r -> r.key().equals(roundId) && r.topic().equals(Topics.ROUNDS))
                    .map(r -> ContractJson.decode(r.value(), RoundEvent.class)).toList();
            assertEquals(null, events.get(0).responses(), "an open round has no final count");
            RoundEvent closed = events.get(events.size() - 1);
            assertEquals(RoundEvent.Status.CLOSED, closed.status());
            assertEquals(accepted, closed.responses(), "the final count is exactly the answers accepted");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void responses_leave_the_outbox_only_once_acknowledged_keyed_by_round_with_the_rounds_time() throws Exception {
        String roundId = Campaigns.openRound(Campaigns.create("Relay " + System.nanoTime(), List.of("/production"), 5));
        String item = answerOnce("emp010", roundId);
        answerOnce("emp011", roundId);

        sink.failing(true);
        assertThrows(Exception.class, () -> relay.relayOnce());
        assertTrue(relay.backlog() >= 2, "a failed send keeps the rows");

        sink.failing(false);
        while (relay.relayOnce() > 0) {
            // drain every row other tests left too; bounded by the rows that exist
        }
        assertEquals(0, relay.backlog());
        List<RecordSink.OutgoingRecord> mine = sink.sent().stream().filter(r -> r.key().equals(roundId)).toList();
        List<RecordSink.OutgoingRecord> rounds = mine.stream().filter(r -> r.topic().equals(Topics.ROUNDS)).toList();
        List<RecordSink.OutgoingRecord> responses = mine.stream().filter(r -> r.topic().equals(Topics.RESPONSES)).toList();
        assertEquals(1, rounds.size());
        RoundEvent opened = ContractJson.decode(rounds.get(0).value(), RoundEvent.class);
        assertEquals(RoundEvent.Status.OPEN, opened.status());
        assertEquals(2, responses.size());
        for (var record : responses) {
            ResponseSubmitted r = ContractJson.decode(record.value(), ResponseSubmitted.class);
            assertEquals(UUID.fromString(roundId), r.roundId());
            assertEquals(4, r.answers().get(item));
            // Anonymity: the Kafka record time is the round's opening, the same for every answer.
            assertEquals(opened.openedAt().toEpochMilli(), record.timestamp().toEpochMilli());
        }
    }
}
