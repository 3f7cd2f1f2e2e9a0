package dev.pulse.analytics.results;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Heatmap, trends, participation and the CSV variants over a campaign with two closed rounds and an open one. */
@QuarkusTest
class ReportsResourceTest {

    static final String CONTROL = "control.1@v1";
    static final List<RoundEvent.Unit> UNITS = List.of(
            new RoundEvent.Unit("u-prod", "/production", null, 6, "u-prod"),
            new RoundEvent.Unit("u-asm", "/production/assembly", "u-prod", 9, "u-asm"),
            new RoundEvent.Unit("u-qa", "/production/quality", "u-prod", 3, "u-prod"),
            new RoundEvent.Unit("u-log", "/logistics", null, 4, "u-log"));
    static final List<RoundEvent.Item> ITEMS = List.of(new RoundEvent.Item(CONTROL, "control", false));

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    RoundStore rounds;

    UUID campaign;
    UUID first;
    UUID second;
    UUID open;
    List<Integer> firstProd = List.of(1, 2, 3, 3, 2, 1);
    List<Integer> firstAsm = List.of(2, 2, 3, 3, 2);
    List<Integer> secondProd = List.of(5, 4, 4, 3, 5);
    List<Integer> secondAsm = List.of(4, 4, 5, 5, 3, 2, 4);

    @BeforeEach
    void publishACampaign() throws Exception {
        campaign = UUID.randomUUID();
        first = UUID.randomUUID();
        second = UUID.randomUUID();
        open = UUID.randomUUID();
        publish(Messages.round(first, campaign, 1, RoundEvent.Status.CLOSED, UNITS, ITEMS));
        publish(Messages.round(second, campaign, 2, RoundEvent.Status.CLOSED, UNITS, ITEMS));
        publish(Messages.round(open, campaign, 3, RoundEvent.Status.OPEN, UNITS, ITEMS));
        answer(first, "u-prod", firstProd);
        answer(first, "u-asm", firstAsm);
        answer(second, "u-prod", secondProd);
        answer(second, "u-asm", secondAsm);
        answer(second, "u-log", List.of(3, 3));
        answer(open, "u-asm", List.of(1, 2, 3));
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.find(open).isPresent());
    }

    private void publish(RoundEvent round) {
        connector.source(RoundsConsumer.CHANNEL).send(ContractJson.encode(round));
    }

    private void answer(UUID round, String unit, List<Integer> answers) throws Exception {
        List<byte[]> records = new ArrayList<>();
        answers.forEach(a -> records.add(Messages.response(round, unit, Map.of(CONTROL, a))));
        var batch = KafkaLikeBatch.of(records.toArray(byte[][]::new));
        connector.source(ResponsesConsumer.CHANNEL).send(batch.message());
        batch.acked().get(20, TimeUnit.SECONDS);
    }

    static BigDecimal mean(List<Integer> a, List<Integer> b) {
        int sum = a.stream().mapToInt(Integer::intValue).sum() + b.stream().mapToInt(Integer::intValue).sum();
        return new BigDecimal(sum).divide(new BigDecimal(a.size() + b.size()), 2, RoundingMode.HALF_UP);
    }

    static BigDecimal mean(List<Integer> a) {
        return mean(a, List.of());
    }

    @Test
    void the_heatmap_shows_units_by_dimensions_and_suppresses_small_units() {
        JsonPath json = given().auth().oauth2(Tokens.of("hr"))
                .get("/api/analytics/rounds/{roundId}/heatmap", second)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("control"), json.getList("dimensions"));
        assertEquals(List.of("u-log", "u-prod", "u-asm"), json.getList("units.unitId"));
        assertEquals(Map.of("unitId", "u-log", "unitPath", "/logistics", "suppressed", true,
                "reason", "fewer than 5 respondents"), json.getMap("units[0]"));
        assertEquals(0, mean(secondProd, secondAsm).compareTo(new BigDecimal(json.getString("units[1].cells[0].mean"))));
        assertEquals(0, mean(secondAsm).compareTo(new BigDecimal(json.getString("units[2].cells[0].mean"))));
        BigDecimal delta = mean(secondAsm).subtract(mean(firstAsm));
        assertEquals(0, delta.compareTo(new BigDecimal(json.getString("units[2].cells[0].delta"))));
    }

    @Test
    void the_heatmap_is_for_hr_and_managers_only_and_only_after_the_round_closed() {
        given().auth().oauth2(Tokens.of("emp001")).get("/api/analytics/rounds/{roundId}/heatmap", second).then()
                .statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/forbidden"));
        given().auth().oauth2(Tokens.of("hr")).get("/api/analytics/rounds/{roundId}/heatmap", open).then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/round-still-open"));
        JsonPath managed = given().auth().oauth2(Tokens.of("manager"))
                .get("/api/analytics/rounds/{roundId}/heatmap", second).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("u-prod", "u-asm"), managed.getList("units.unitId"));
    }

    @Test
    void trends_have_one_point_per_closed_round_and_never_one_for_an_open_round() {
        JsonPath json = given().auth().oauth2(Tokens.of("hr")).queryParam("unit", "u-asm").queryParam("dimension", "control")
                .get("/api/analytics/campaigns/{campaignId}/trends", campaign)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("/production/assembly", json.getString("unitPath"));
        assertEquals(List.of(first.toString(), second.toString()), json.getList("series[0].points.roundId"));
        assertEquals(List.of(1, 2), json.getList("series[0].points.sequence"));
        assertEquals(0, mean(firstAsm).compareTo(new BigDecimal(json.getString("series[0].points[0].mean"))));
        assertEquals(0, mean(secondAsm).compareTo(new BigDecimal(json.getString("series[0].points[1].mean"))));
        JsonPath logistics = given().auth().oauth2(Tokens.of("hr")).queryParam("unit", "u-log")
                .get("/api/analytics/campaigns/{campaignId}/trends", campaign)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(true, true), logistics.getList("series[0].points.suppressed"));
        assertEquals(List.of(), logistics.getList("series[0].points.findAll { it.mean != null }"));
    }

    @Test
    void trends_need_a_unit_inside_the_callers_area_and_a_known_campaign() {
        given().auth().oauth2(Tokens.of("hr")).get("/api/analytics/campaigns/{campaignId}/trends", campaign).then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/unit-required"));
        given().auth().oauth2(Tokens.of("manager")).queryParam("unit", "u-log")
                .get("/api/analytics/campaigns/{campaignId}/trends", campaign).then()
                .statusCode(403).body("type", equalTo("https://pulse.dev/problems/unit-not-allowed"));
        given().auth().oauth2(Tokens.of("hr")).queryParam("unit", "u-asm")
                .get("/api/analytics/campaigns/{campaignId}/trends", UUID.randomUUID()).then()
                .statusCode(404).body("type", equalTo("https://pulse.dev/problems/campaign-not-found"));
    }

    @Test
    void participation_lists_only_units_with_at_least_k_eligible_and_works_while_the_round_is_open() {
        JsonPath json = given().auth().oauth2(Tokens.of("hr"))
                .get("/api/analytics/rounds/{roundId}/participation", open)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("u-prod", "u-asm"), json.getList("units.unitId"), "logistics has 4 eligible");
        assertEquals(18, json.getInt("units[0].eligible"));
        assertEquals(3, json.getInt("units[0].responded"));
        assertEquals(9, json.getInt("units[1].eligible"));
        assertEquals(0, new BigDecimal("0.333").compareTo(new BigDecimal(json.getString("units[1].rate"))));
        given().auth().oauth2(Tokens.of("emp001")).get("/api/analytics/rounds/{roundId}/participation", open).then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void every_report_is_also_csv_and_suppressed_cells_carry_no_numbers() {
        String results = given().auth().oauth2(Tokens.of("hr")).accept("text/csv")
                .get("/api/analytics/rounds/{roundId}/results", second)
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String logistics = results.lines().filter(l -> l.contains(",u-log,")).findFirst().orElseThrow();
        assertEquals(second + ",u-log,/logistics,unit,,,suppressed,,,,,,,,,,fewer than 5 respondents", logistics);
        given().auth().oauth2(Tokens.of("hr")).accept("text/csv").get("/api/analytics/rounds/{roundId}/heatmap", second)
                .then().statusCode(200).contentType(containsString("text/csv"))
                .body(containsString("u-log,/logistics,suppressed,suppressed"));
        given().auth().oauth2(Tokens.of("hr")).accept("text/csv").queryParam("unit", "u-asm")
                .get("/api/analytics/campaigns/{campaignId}/trends", campaign)
                .then().statusCode(200).contentType(containsString("text/csv"))
                .body(containsString("dimension,roundId,sequence")).body(not(containsString(open.toString())));
        given().auth().oauth2(Tokens.of("hr")).accept("text/csv").get("/api/analytics/rounds/{roundId}/participation", open)
                .then().statusCode(200).contentType(containsString("text/csv"))
                .body(containsString("unitId,unitPath,eligible,responded,rate"));
    }

    @Test
    void an_error_is_problem_json_even_when_csv_was_asked_for() {
        given().auth().oauth2(Tokens.of("hr")).accept("text/csv")
                .get("/api/analytics/rounds/{roundId}/results", open).then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/round-still-open"));
    }
}
