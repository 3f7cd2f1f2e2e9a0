package dev.pulse.analytics.summary;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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

/**
 * The engagement summary over HTTP, for every role, with real tokens, fed through the channels and the database.
 * Expected figures are worked out here from the raw answers.
 */
@QuarkusTest
class SummaryResourceTest {

    static final String CONTROL = "control.1@v1";
    static final String VOICE = "voice.1@v1";
    static final String ROLES = "roles.1@v1";
    /** Answered by three people only: suppressed everywhere. */
    static final String RARE = "usage.1@v1";
    static final List<RoundEvent.Unit> UNITS = List.of(
            new RoundEvent.Unit("s-prod", "/production", null, 6, "s-prod"),
            new RoundEvent.Unit("s-asm", "/production/assembly", "s-prod", 8, "s-asm"),
            new RoundEvent.Unit("s-maint", "/production/maintenance", "s-prod", 7, "s-maint"),
            new RoundEvent.Unit("s-it", "/it", null, 6, "s-it"),
            new RoundEvent.Unit("s-log", "/logistics", null, 7, "s-log"));
    static final List<RoundEvent.Item> ITEMS = List.of(new RoundEvent.Item(CONTROL, "control", false),
            new RoundEvent.Item(VOICE, "voice", false), new RoundEvent.Item(ROLES, "roles", false),
            new RoundEvent.Item(RARE, "usage", false));

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    RoundStore rounds;

    UUID campaign;
    UUID first;
    UUID second;
    UUID open;

    @BeforeEach
    void aCampaignWithTwoClosedRoundsAndAnOpenOne() throws Exception {
        campaign = UUID.randomUUID();
        first = UUID.randomUUID();
        second = UUID.randomUUID();
        open = UUID.randomUUID();
        publish(Messages.round(first, campaign, 1, RoundEvent.Status.CLOSED, UNITS, ITEMS));
        publish(Messages.round(second, campaign, 2, RoundEvent.Status.CLOSED, UNITS, ITEMS));
        publish(Messages.round(open, campaign, 3, RoundEvent.Status.OPEN, UNITS, ITEMS));
        answer(first, "s-asm", 6, 4, 4, 3);
        answer(first, "s-maint", 5, 4, 2, 2);
        answer(first, "s-prod", 5, 3, 3, 4);
        answer(first, "s-it", 5, 5, 1, 1);
        answer(first, "s-log", 6, 5, 5, 5);
        answer(second, "s-asm", 6, 2, 4, 3);
        answer(second, "s-maint", 5, 4, 2, 5);
        answer(second, "s-prod", 5, 3, 3, 4);
        answer(second, "s-it", 5, 5, 5, 1);
        answer(second, "s-log", 3, 1, 1, 1);
        answerRare(second, "s-prod", 3);
        answer(open, "s-asm", 6, 1, 1, 1);
    }

    private void publish(RoundEvent round) {
        connector.source(RoundsConsumer.CHANNEL).send(ContractJson.encode(round));
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.find(round.roundId()).isPresent());
    }

    /** {@code people} respondents of the unit, all giving the same answers to control, voice and roles. */
    private void answer(UUID round, String unit, int people, int control, int voice, int roles) throws Exception {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            records.add(Messages.response(round, unit, Map.of(CONTROL, control, VOICE, voice, ROLES, roles)));
        }
        send(records);
    }

    private void answerRare(UUID round, String unit, int people) throws Exception {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            records.add(Messages.response(round, unit, Map.of(RARE, 5)));
        }
        send(records);
    }

    private void send(List<byte[]> records) throws Exception {
        var batch = KafkaLikeBatch.of(records.toArray(byte[][]::new));
        connector.source(ResponsesConsumer.CHANNEL).send(batch.message());
        batch.acked().get(20, TimeUnit.SECONDS);
    }

    private JsonPath summary(String user, UUID round) {
        return given().auth().oauth2(Tokens.of(user)).get("/api/analytics/rounds/{roundId}/summary", round)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    /** Mean of answers given as (people, answer) pairs, 2 decimals half up, as the service rounds. */
    static BigDecimal mean(int... peopleAndAnswer) {
        int n = 0;
        int sum = 0;
        for (int i = 0; i < peopleAndAnswer.length; i += 2) {
            n += peopleAndAnswer[i];
            sum += peopleAndAnswer[i] * peopleAndAnswer[i + 1];
        }
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
    }

    /** Share of answers 4 and 5, 3 decimals half up. */
    static BigDecimal favourable(int... peopleAndAnswer) {
        int n = 0;
        int favourable = 0;
        for (int i = 0; i < peopleAndAnswer.length; i += 2) {
            n += peopleAndAnswer[i];
            favourable += peopleAndAnswer[i + 1] >= 4 ? peopleAndAnswer[i] : 0;
        }
        return BigDecimal.valueOf(favourable).divide(BigDecimal.valueOf(n), 3, RoundingMode.HALF_UP);
    }

    static void assertNumber(BigDecimal expected, Object actual) {
        assertEquals(0, expected.compareTo(new BigDecimal(actual.toString())), expected + " vs " + actual);
    }

    @Test
    void hr_gets_the_weakest_and_strongest_items_of_the_organisation_from_shown_cells_only() {
        JsonPath json = summary("hr", second);
        assertEquals(second.toString(), json.getString("roundId"));
        assertEquals(first.toString(), json.getString("previousRoundId"));
        // Three items shown: two weakest, one strongest. Logistics (3 respondents) is left out of every figure.
        assertEquals(List.of(ROLES, CONTROL), json.getList("weakest.itemId"));
        assertEquals(List.of(VOICE), json.getList("strongest.itemId"));
        assertEquals(List.of("roles", "control"), json.getList("weakest.dimension"));
        assertEquals(List.of(21, 21), json.getList("weakest.n"));
        assertNumber(mean(6, 3, 5, 5, 5, 4, 5, 1), json.get("weakest[0].mean"));
        assertNumber(mean(6, 2, 5, 4, 5, 3, 5, 5), json.get("weakest[1].mean"));
        assertNumber(favourable(6, 2, 5, 4, 5, 3, 5, 5), json.get("weakest[1].favourable"));
        assertNumber(mean(6, 2, 5, 4, 5, 3, 5, 5).subtract(mean(6, 4, 5, 4, 5, 3, 5, 5)), json.get("weakest[1].delta"));
        assertNumber(mean(6, 4, 5, 2, 5, 3, 5, 5), json.get("strongest[0].mean"));
    }

    @Test
    void an_item_or_unit_that_is_suppressed_never_appears_not_even_without_numbers() {
        String body = given().auth().oauth2(Tokens.of("hr")).get("/api/analytics/rounds/{roundId}/summary", second)
                .then().statusCode(200).extract().asString();
        assertFalse(body.contains(RARE), "usage was answered by 3 people");
        assertFalse(body.contains("s-log"), "logistics has 3 respondents this round");
        assertFalse(body.contains("suppressed"));
    }

    @Test
    void the_movers_are_the_units_with_the_biggest_change_each_once_biggest_first() {
        JsonPath json = summary("hr", second);
        assertEquals(List.of("s-it", "s-maint", "s-asm", "s-prod"), json.getList("movers.unitId"));
        assertEquals(List.of("/it", "/production/maintenance", "/production/assembly", "/production"),
                json.getList("movers.unitPath"));
        assertEquals(List.of("voice", "roles", "control", "roles"), json.getList("movers.dimension"));
        List<BigDecimal> deltas = List.of(new BigDecimal("4.00"), new BigDecimal("3.00"), new BigDecimal("-2.00"),
                mean(6, 3, 5, 5, 5, 4).subtract(mean(6, 3, 5, 2, 5, 4)));
        for (int i = 0; i < deltas.size(); i++) {
            assertNumber(deltas.get(i), json.get("movers[" + i + "].delta"));
        }
        assertNumber(new BigDecimal("1.00"), json.get("movers[0].previousMean"));
        assertNumber(new BigDecimal("5.00"), json.get("movers[0].mean"));
        assertEquals(5, json.getInt("movers[0].n"));
    }

    @Test
    void a_manager_gets_the_summary_of_their_own_subtree_only() {
        JsonPath json = summary("manager", second);
        assertEquals(List.of(CONTROL, VOICE), json.getList("weakest.itemId"));
        assertEquals(List.of(ROLES), json.getList("strongest.itemId"));
        assertEquals(List.of(16), json.getList("strongest.n"));
        assertNumber(mean(6, 2, 5, 4, 5, 3), json.get("weakest[0].mean"));
        assertEquals(List.of("s-maint", "s-asm", "s-prod"), json.getList("movers.unitId"));
        String body = given().auth().oauth2(Tokens.of("manager")).get("/api/analytics/rounds/{roundId}/summary", second)
                .then().extract().asString();
        assertFalse(body.contains("s-it"), "IT is outside the manager's area");
    }

    @Test
    void the_first_round_has_no_previous_round_no_deltas_and_no_movers() {
        JsonPath json = summary("hr", first);
        assertNull(json.get("previousRoundId"));
        assertEquals(List.of(), json.getList("movers"));
        assertEquals(List.of(), json.getList("weakest.findAll { it.delta != null }"));
    }

    @Test
    void employees_get_a_403_problem_and_no_token_a_401_problem() {
        given().auth().oauth2(Tokens.of("emp001")).get("/api/analytics/rounds/{roundId}/summary", second).then()
                .statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/forbidden"))
                .body("weakest", equalTo(null));
        given().get("/api/analytics/rounds/{roundId}/summary", second).then()
                .statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/unauthorized"));
    }

    @Test
    void an_open_round_is_a_409_problem_and_an_unknown_or_malformed_round_a_404_problem() {
        given().auth().oauth2(Tokens.of("hr")).get("/api/analytics/rounds/{roundId}/summary", open).then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/round-still-open"))
                .body("weakest", equalTo(null));
        given().auth().oauth2(Tokens.of("hr")).get("/api/analytics/rounds/{roundId}/summary", UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/round-not-found"));
        given().auth().oauth2(Tokens.of("hr")).get("/api/analytics/rounds/{roundId}/summary", "not-a-round").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("hr")).accept("text/csv")
                .get("/api/analytics/rounds/{roundId}/summary", open).then()
                .statusCode(409).contentType("application/problem+json");
    }

    @Test
    void the_summary_is_also_csv_one_row_per_listed_item_and_mover() {
        String csv = given().auth().oauth2(Tokens.of("hr")).accept("text/csv")
                .get("/api/analytics/rounds/{roundId}/summary", second)
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("roundId,list,rank,itemId,dimension,unitId,unitPath,n,mean,favourable,previousMean,delta",
                lines.get(0));
        assertEquals(1 + 2 + 1 + 4, lines.size());
        assertEquals(second + ",weakest,1," + ROLES + ",roles,,,21," + mean(6, 3, 5, 5, 5, 4, 5, 1) + "," + favourable(6, 3, 5, 5, 5, 4, 5, 1) + ","
                + "," + mean(6, 3, 5, 5, 5, 4, 5, 1).subtract(mean(6, 3, 5, 2, 5, 4, 5, 1)), lines.get(1));
        assertEquals(second + ",mover,1,,voice,s-it,/it,5,5.00,,1.00,4.00", lines.get(4));
        assertFalse(csv.contains(RARE));
        assertFalse(csv.contains("s-log"));
    }

    @Test
    void the_openapi_document_describes_the_summary_and_its_error_codes() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/analytics/rounds/{roundId}/summary'.get.responses.keySet()",
                        hasItems("200", "401", "403", "404", "409"))
                .body("paths.'/api/analytics/rounds/{roundId}/summary'.get.responses.'200'.content.keySet()",
                        not(hasItems("text/html")));
    }
}
