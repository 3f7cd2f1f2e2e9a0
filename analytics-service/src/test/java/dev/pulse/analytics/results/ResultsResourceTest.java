package dev.pulse.analytics.results;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.pulse.analytics.aggregate.AggregateStore;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP contract of the results, fed through the real channels and database, with real tokens.
 * Expected numbers are computed here from the raw answers, independently of the service's code.
 */
@QuarkusTest
class ResultsResourceTest {

    static final String CONTROL = "control.1@v1";
    static final String SECURITY_REVERSED = "security.2@v1";

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    RoundStore rounds;

    @Inject
    AggregateStore aggregates;

    UUID roundId;
    /** Raw answers per reporting unit: one map per respondent. */
    Map<String, List<Map<String, Integer>>> answers;

    @BeforeEach
    void publishAClosedRound() throws Exception {
        roundId = UUID.randomUUID();
        var units = List.of(
                new RoundEvent.Unit("u-prod", "/production", null, 9, "u-prod"),
                new RoundEvent.Unit("u-asm", "/production/assembly", "u-prod", 8, "u-asm"),
                new RoundEvent.Unit("u-qa", "/production/quality", "u-prod", 3, "u-prod"),
                new RoundEvent.Unit("u-log", "/logistics", null, 6, "u-log"));
        var items = List.of(new RoundEvent.Item(CONTROL, "control", false),
                new RoundEvent.Item(SECURITY_REVERSED, "security", true));
        connector.source(RoundsConsumer.CHANNEL).send(ContractJson.encode(
                Messages.round(roundId, UUID.randomUUID(), 1, RoundEvent.Status.CLOSED, units, items)));

        answers = new LinkedHashMap<>();
        answers.put("u-prod", List.of(
                Map.of(CONTROL, 5, SECURITY_REVERSED, 1), Map.of(CONTROL, 4, SECURITY_REVERSED, 2),
                Map.of(CONTROL, 2, SECURITY_REVERSED, 5), Map.of(CONTROL, 3, SECURITY_REVERSED, 1),
                Map.of(CONTROL, 4, SECURITY_REVERSED, 4)));
        answers.put("u-asm", List.of(
                Map.of(CONTROL, 1, SECURITY_REVERSED, 2), Map.of(CONTROL, 5, SECURITY_REVERSED, 1),
                Map.of(CONTROL, 4, SECURITY_REVERSED, 3), Map.of(CONTROL, 4, SECURITY_REVERSED, 1),
                Map.of(CONTROL, 2), Map.of(CONTROL, 5)));
        answers.put("u-log", List.of(Map.of(CONTROL, 3), Map.of(CONTROL, 4)));

        List<byte[]> records = new ArrayList<>();
        answers.forEach((unit, respondents) -> respondents.forEach(a -> records.add(Messages.response(roundId, unit, a))));
        var batch = KafkaLikeBatch.of(records.toArray(byte[][]::new));
        connector.source(ResponsesConsumer.CHANNEL).send(batch.message());
        batch.acked().get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.find(roundId).isPresent());
    }

    private JsonPath results(String unit) {
        var request = given().auth().oauth2(Tokens.of("hr"));
        if (unit != null) {
            request = request.queryParam("unit", unit);
        }
        return request.get("/api/analytics/rounds/{roundId}/results", roundId)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    private List<Integer> scores(List<String> units, String item, boolean reverse) {
        List<Integer> scores = new ArrayList<>();
        for (String unit : units) {
            for (Map<String, Integer> respondent : answers.getOrDefault(unit, List.of())) {
                Integer answer = respondent.get(item);
                if (answer != null) {
                    scores.add(reverse ? 6 - answer : answer);
                }
            }
        }
        return scores;
    }

    private void assertItem(JsonPath json, String unitPath, String itemPath, List<Integer> scores) {
        Map<String, Object> item = json.getMap("units.find { it.unitId == '" + unitPath + "' }.items.find { it.itemId == '"
                + itemPath + "' }");
        org.junit.jupiter.api.Assertions.assertEquals(false, item.get("suppressed"));
        org.junit.jupiter.api.Assertions.assertEquals(scores.size(), ((Number) item.get("n")).intValue());
        int sum = scores.stream().mapToInt(Integer::intValue).sum();
        BigDecimal mean = new BigDecimal(sum).divide(new BigDecimal(scores.size()), 2, RoundingMode.HALF_UP);
        org.junit.jupiter.api.Assertions.assertEquals(0, mean.compareTo(new BigDecimal(item.get("mean").toString())),
                "mean " + item.get("mean") + " vs " + mean);
        long fav = scores.stream().filter(s -> s >= 4).count();
        BigDecimal favourable = new BigDecimal(fav).divide(new BigDecimal(scores.size()), 3, RoundingMode.HALF_UP);
        org.junit.jupiter.api.Assertions.assertEquals(0,
                favourable.compareTo(new BigDecimal(item.get("favourable").toString())));
        Map<String, Integer> distribution = new HashMap<>();
        for (int v = 1; v <= 5; v++) {
            int value = v;
            distribution.put(String.valueOf(v), (int) scores.stream().filter(s -> s == value).count());
        }
        org.junit.jupiter.api.Assertions.assertEquals(distribution, item.get("distribution"));
    }

    @Test
    void hr_sees_n_mean_distribution_and_favourable_computed_from_the_answers() {
        JsonPath json = results("u-prod");
        json.prettyPrint();
        org.junit.jupiter.api.Assertions.assertEquals(roundId.toString(), json.getString("roundId"));
        org.junit.jupiter.api.Assertions.assertEquals("CLOSED", json.getString("status"));
        org.junit.jupiter.api.Assertions.assertEquals(5, json.getInt("minGroupSize"));
        org.junit.jupiter.api.Assertions.assertEquals(List.of("u-prod", "u-asm", "u-qa"), json.getList("units.unitId"));
        org.junit.jupiter.api.Assertions.assertEquals(11, json.getInt("units.find { it.unitId == 'u-prod' }.n"));
        org.junit.jupiter.api.Assertions.assertEquals(6, json.getInt("units.find { it.unitId == 'u-asm' }.n"));
        org.junit.jupiter.api.Assertions.assertEquals("/production/assembly",
                json.getString("units.find { it.unitId == 'u-asm' }.unitPath"));
        assertItem(json, "u-prod", CONTROL, scores(List.of("u-prod", "u-asm"), CONTROL, false));
        assertItem(json, "u-prod", SECURITY_REVERSED, scores(List.of("u-prod", "u-asm"), SECURITY_REVERSED, true));
        assertItem(json, "u-asm", CONTROL, scores(List.of("u-asm"), CONTROL, false));
    }

    @Test
    void a_cell_with_fewer_than_k_respondents_is_suppressed_and_carries_no_numbers() {
        JsonPath json = results(null);
        org.junit.jupiter.api.Assertions.assertEquals(List.of("u-log", "u-prod", "u-asm"), json.getList("units.unitId"));
        Map<String, Object> logistics = json.getMap("units.find { it.unitId == 'u-log' }");
        org.junit.jupiter.api.Assertions.assertEquals(
                Map.of("unitId", "u-log", "unitPath", "/logistics", "suppressed", true,
                        "reason", "fewer than 5 respondents"), logistics);
        Map<String, Object> security = json.getMap(
                "units.find { it.unitId == 'u-asm' }.items.find { it.itemId == '" + SECURITY_REVERSED + "' }");
        org.junit.jupiter.api.Assertions.assertEquals(
                Map.of("itemId", SECURITY_REVERSED, "dimension", "security", "suppressed", true,
                        "reason", "fewer than 5 respondents"), security);
        Map<String, Object> quality = results("u-prod").getMap("units.find { it.unitId == 'u-qa' }");
        org.junit.jupiter.api.Assertions.assertEquals(Map.of("unitId", "u-qa", "unitPath", "/production/quality",
                "suppressed", true, "reason", "fewer than 5 respondents"), quality);
    }

    @Test
    void without_a_token_the_answer_is_a_401_problem() {
        given().get("/api/analytics/rounds/{roundId}/results", roundId).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://pulse.dev/problems/unauthorized"))
                .body("status", equalTo(401))
                .body("$", not(hasKey("units")));
    }

    @Test
    void a_forged_or_garbled_token_is_a_401_problem() {
        given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
                .get("/api/analytics/rounds/{roundId}/results", roundId).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/unauthorized"));
    }

    @Test
    void an_employee_sees_only_their_own_unit_and_gets_a_403_problem_for_any_other() {
        JsonPath own = given().auth().oauth2(Tokens.of("emp001"))
                .get("/api/analytics/rounds/{roundId}/results", roundId)
                .then().statusCode(200).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(List.of("u-prod"), own.getList("units.unitId"));
        given().auth().oauth2(Tokens.of("emp001"))
                .queryParam("unit", "u-log")
                .get("/api/analytics/rounds/{roundId}/results", roundId).then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/unit-not-allowed"))
                .body("status", equalTo(403))
                .body("units", nullValue());
    }

    @Test
    void a_manager_sees_the_subtree_they_manage_and_nothing_outside_it() {
        JsonPath managed = given().auth().oauth2(Tokens.of("manager"))
                .get("/api/analytics/rounds/{roundId}/results", roundId)
                .then().statusCode(200).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(List.of("u-prod", "u-asm"), managed.getList("units.unitId"));
        given().auth().oauth2(Tokens.of("manager")).queryParam("unit", "u-log")
                .get("/api/analytics/rounds/{roundId}/results", roundId).then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/unit-not-allowed"));
    }

    @Test
    void results_of_an_open_round_are_a_409_problem_for_everyone() {
        UUID open = UUID.randomUUID();
        connector.source(RoundsConsumer.CHANNEL).send(ContractJson.encode(Messages.round(open, UUID.randomUUID(), 1,
                RoundEvent.Status.OPEN, List.of(new RoundEvent.Unit("u-log", "/logistics", null, 6, "u-log")),
                List.of(new RoundEvent.Item(CONTROL, "control", false)))));
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.find(open).isPresent());
        given().auth().oauth2(Tokens.of("hr"))
                .get("/api/analytics/rounds/{roundId}/results", open).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/round-still-open"))
                .body("title", equalTo("Round still open"))
                .body("units", nullValue());
    }

    @Test
    void dimension_cells_pool_the_items_of_a_dimension() {
        JsonPath json = results("u-asm");
        Map<String, Object> control = json.getMap(
                "units.find { it.unitId == 'u-asm' }.dimensions.find { it.dimension == 'control' }");
        org.junit.jupiter.api.Assertions.assertEquals(6, control.get("n"));
        org.junit.jupiter.api.Assertions.assertEquals(Map.of("dimension", "security", "suppressed", true,
                "reason", "fewer than 5 respondents"), json.getMap(
                "units.find { it.unitId == 'u-asm' }.dimensions.find { it.dimension == 'security' }"));
    }

    @Test
    void an_unknown_round_is_a_404_problem() {
        given().auth().oauth2(Tokens.of("hr"))
                .get("/api/analytics/rounds/{roundId}/results", UUID.randomUUID()).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/round-not-found"))
                .body("title", equalTo("Unknown round"))
                .body("status", equalTo(404));
    }

    @Test
    void an_unknown_unit_is_a_404_problem() {
        given().auth().oauth2(Tokens.of("hr")).queryParam("unit", "u-nowhere")
                .get("/api/analytics/rounds/{roundId}/results", roundId).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/unit-not-found"));
    }
}
