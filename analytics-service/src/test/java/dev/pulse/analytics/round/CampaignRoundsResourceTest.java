package dev.pulse.analytics.round;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rounds of a campaign, as the HR dashboard lists them to pick one. */
@QuarkusTest
class CampaignRoundsResourceTest {

    static final List<RoundEvent.Unit> UNITS = List.of(new RoundEvent.Unit("r-prod", "/production", null, 9, "r-prod"));
    static final List<RoundEvent.Item> ITEMS = List.of(new RoundEvent.Item("control.1@v1", "control", false));

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
    void aCampaignWithTwoClosedRoundsAndAnOpenOne() {
        campaign = UUID.randomUUID();
        first = UUID.randomUUID();
        second = UUID.randomUUID();
        open = UUID.randomUUID();
        publish(round(first, 1, RoundEvent.Status.CLOSED, "2026-01-05T08:00:00Z", "2026-01-08T16:30:00Z"));
        publish(round(open, 3, RoundEvent.Status.OPEN, "2026-02-02T08:00:00Z", "2026-02-07T08:00:00Z"));
        publish(round(second, 2, RoundEvent.Status.CLOSED, "2026-01-19T08:00:00Z", "2026-01-24T08:00:00Z"));
        // another campaign's round never shows up here
        publish(Messages.round(UUID.randomUUID(), UUID.randomUUID(), 1, RoundEvent.Status.CLOSED, UNITS, ITEMS));
    }

    private RoundEvent round(UUID id, int sequence, RoundEvent.Status status, String openedAt, String closesAt) {
        return new RoundEvent(RoundEvent.SCHEMA_VERSION, id, campaign, sequence, status, 5, Instant.parse(openedAt),
                Instant.parse(closesAt), UNITS, ITEMS);
    }

    private void publish(RoundEvent round) {
        connector.source(RoundsConsumer.CHANNEL).send(ContractJson.encode(round));
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.find(round.roundId()).isPresent());
    }

    private JsonPath list(String user) {
        return given().auth().oauth2(Tokens.of(user)).get("/api/analytics/campaigns/{campaignId}/rounds", campaign)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    @Test
    void hr_gets_every_round_of_the_campaign_newest_first_with_the_round_level_times() {
        JsonPath json = list("hr");
        assertEquals(List.of(open.toString(), second.toString(), first.toString()), json.getList("roundId"));
        assertEquals(List.of(3, 2, 1), json.getList("sequence"));
        assertEquals(List.of("open", "closed", "closed"), json.getList("status"));
        assertEquals(Map.of("roundId", first.toString(), "sequence", 1, "status", "closed",
                "openedAt", "2026-01-05T08:00:00Z", "closesAt", "2026-01-08T16:30:00Z",
                "closedAt", "2026-01-08T16:30:00Z"), json.getMap("[2]"));
    }

    @Test
    void an_open_round_has_no_closing_time_yet_only_the_planned_one() {
        Map<String, Object> open = list("hr").getMap("[0]");
        assertEquals("2026-02-07T08:00:00Z", open.get("closesAt"));
        assertEquals(true, open.containsKey("closedAt"), "the field is there, and null");
        assertNull(open.get("closedAt"));
    }

    @Test
    void a_round_that_closes_moves_from_open_to_closed() {
        publish(round(open, 3, RoundEvent.Status.CLOSED, "2026-02-02T08:00:00Z", "2026-02-03T11:00:00Z"));
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.find(open).orElseThrow().status() == RoundEvent.Status.CLOSED);
        JsonPath json = list("hr");
        assertEquals("closed", json.getString("[0].status"));
        assertEquals("2026-02-03T11:00:00Z", json.getString("[0].closedAt"));
    }

    @Test
    void a_manager_may_list_the_rounds_too() {
        assertEquals(3, list("manager").getList("roundId").size());
    }

    @Test
    void an_employee_gets_a_403_problem_and_no_token_a_401_problem() {
        given().auth().oauth2(Tokens.of("emp001")).get("/api/analytics/campaigns/{campaignId}/rounds", campaign).then()
                .statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/forbidden"));
        given().get("/api/analytics/campaigns/{campaignId}/rounds", campaign).then()
                .statusCode(401).contentType("application/problem+json");
    }

    @Test
    void an_unknown_campaign_is_an_empty_list_and_a_malformed_id_a_404_problem() {
        given().auth().oauth2(Tokens.of("hr")).get("/api/analytics/campaigns/{campaignId}/rounds", UUID.randomUUID())
                .then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(Tokens.of("hr")).get("/api/analytics/campaigns/{campaignId}/rounds", "not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void the_list_is_also_csv() {
        String csv = given().auth().oauth2(Tokens.of("hr")).accept("text/csv")
                .get("/api/analytics/campaigns/{campaignId}/rounds", campaign)
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("roundId,sequence,status,openedAt,closesAt,closedAt", lines.get(0));
        assertEquals(open + ",3,open,2026-02-02T08:00:00Z,2026-02-07T08:00:00Z,", lines.get(1));
        assertEquals(first + ",1,closed,2026-01-05T08:00:00Z,2026-01-08T16:30:00Z,2026-01-08T16:30:00Z", lines.get(3));
    }

    @Test
    void the_openapi_document_describes_the_list_and_its_error_codes() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/analytics/campaigns/{campaignId}/rounds'.get.responses.keySet()",
                        hasItems("200", "401", "403", "404"));
    }
}
