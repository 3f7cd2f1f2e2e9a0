package dev.pulse.analytics.results;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.analytics.aggregate.ResponsesConsumer;
import dev.pulse.analytics.round.RoundStore;
import dev.pulse.analytics.round.RoundsConsumer;
import dev.pulse.analytics.support.KafkaLikeBatch;
import dev.pulse.analytics.support.Messages;
import dev.pulse.analytics.support.Tokens;
import dev.pulse.contracts.ContractJson;
import dev.pulse.contracts.RoundEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Results of a closed round are cached per version; answers that are counted after the round closed (they
 * were accepted while it was open and are still on their way) must change what is shown at the very next
 * request, exactly as the disclosure rule decides for the data as it is now.
 */
@QuarkusTest
class LateAnswersTest {

    static final String CONTROL = "control.1@v1";
    static final List<RoundEvent.Unit> UNITS = List.of(
            new RoundEvent.Unit("l-prod", "/production", null, 4, "l-prod"),
            new RoundEvent.Unit("l-asm", "/production/assembly", "l-prod", 8, "l-asm"),
            new RoundEvent.Unit("l-maint", "/production/maintenance", "l-prod", 8, "l-maint"),
            new RoundEvent.Unit("l-log", "/logistics", null, 6, "l-log"));
    static final List<RoundEvent.Item> ITEMS = List.of(new RoundEvent.Item(CONTROL, "control", false));

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    RoundStore rounds;

    UUID campaign;
    UUID roundId;

    @BeforeEach
    void aClosedRoundWithEveryTeamShown() throws Exception {
        campaign = UUID.randomUUID();
        roundId = UUID.randomUUID();
        publish(Messages.round(roundId, campaign, 1, RoundEvent.Status.CLOSED, UNITS, ITEMS));
        answer(roundId, "l-asm", List.of(4, 4, 4, 4, 4));
        answer(roundId, "l-maint", List.of(2, 2, 2, 2, 2, 2));
        answer(roundId, "l-log", List.of(3, 3, 3, 3));
    }

    private void publish(RoundEvent round) {
        connector.source(RoundsConsumer.CHANNEL).send(ContractJson.encode(round));
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.find(round.roundId())
                .filter(r -> r.status() == round.status()).isPresent());
    }

    private void answer(UUID round, String unit, List<Integer> answers) throws Exception {
        List<byte[]> records = new ArrayList<>();
        answers.forEach(a -> records.add(Messages.response(round, unit, Map.of(CONTROL, a))));
        var batch = KafkaLikeBatch.of(records.toArray(byte[][]::new));
        connector.source(ResponsesConsumer.CHANNEL).send(batch.message());
        batch.acked().get(20, TimeUnit.SECONDS);
    }

    private JsonPath heatmap(UUID round) {
        return given().auth().oauth2(Tokens.of("hr")).get("/api/analytics/rounds/{roundId}/heatmap", round)
                .then().statusCode(200).extract().jsonPath();
    }

    private static Object suppressed(JsonPath json, String unitId) {
        return json.get("units.find { it.unitId == '" + unitId + "' }.suppressed");
    }

    @Test
    void a_unit_that_reaches_k_with_a_late_answer_is_shown_at_the_next_request() throws Exception {
        assertEquals(true, suppressed(heatmap(roundId), "l-log"));
        answer(roundId, "l-log", List.of(5));
        JsonPath after = heatmap(roundId);
        assertEquals(false, suppressed(after, "l-log"));
        assertEquals(5, after.getInt("units.find { it.unitId == 'l-log' }.n"));
        assertEquals(3.4f, after.getFloat("units.find { it.unitId == 'l-log' }.cells[0].mean"));
    }

    @Test
    void a_late_answer_that_makes_a_team_differenceable_hides_the_team_at_the_next_request() throws Exception {
        JsonPath before = heatmap(roundId);
        assertEquals(false, suppressed(before, "l-asm"));
        assertEquals(false, suppressed(before, "l-prod"));
        // One late answer from production's own members: production minus its two teams would be that one person,
        // so the smaller team must be hidden from now on, in the heatmap and in the results alike.
        answer(roundId, "l-prod", List.of(1));
        JsonPath after = heatmap(roundId);
        assertEquals(true, suppressed(after, "l-asm"));
        assertEquals(false, suppressed(after, "l-prod"));
        assertEquals(12, after.getInt("units.find { it.unitId == 'l-prod' }.n"));
        given().auth().oauth2(Tokens.of("hr")).queryParam("unit", "l-prod")
                .get("/api/analytics/rounds/{roundId}/results", roundId).then().statusCode(200)
                .body("units.find { it.unitId == 'l-asm' }.suppressed", equalTo(true))
                .body("units.find { it.unitId == 'l-asm' }.n", equalTo(null));
    }

    @Test
    void a_round_reopened_after_it_was_shown_is_a_409_again() {
        heatmap(roundId);
        publish(Messages.round(roundId, campaign, 1, RoundEvent.Status.OPEN, UNITS, ITEMS));
        given().auth().oauth2(Tokens.of("hr")).get("/api/analytics/rounds/{roundId}/heatmap", roundId).then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/round-still-open"));
    }

    @Test
    void a_late_answer_in_the_previous_round_changes_the_deltas_of_the_next_one() throws Exception {
        UUID next = UUID.randomUUID();
        publish(Messages.round(next, campaign, 2, RoundEvent.Status.CLOSED, UNITS, ITEMS));
        answer(next, "l-maint", List.of(3, 3, 3, 3, 3, 3));
        String delta = "units.find { it.unitId == 'l-maint' }.cells[0].delta";
        assertEquals(1.0f, heatmap(next).getFloat(delta));
        answer(roundId, "l-maint", List.of(5, 5, 5, 5, 5, 5));
        assertEquals(-0.5f, heatmap(next).getFloat(delta), "previous mean is now (6×2 + 6×5) / 12 = 3.5");
    }
}
