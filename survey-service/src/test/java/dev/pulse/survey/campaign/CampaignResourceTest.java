package dev.pulse.survey.campaign;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.survey.support.Campaigns;
import dev.pulse.survey.support.Keycloak;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CampaignResourceTest {
    private static final String VALID = "{\"name\":\"Pulse\",\"schedule\":\"0 0 9 ? * MON/2\",\"timeZone\":\"Europe/Berlin\","
            + "\"roundDuration\":\"P5D\",\"units\":[\"/production\"],\"itemsPerRound\":6}";

    @Test
    void without_login_campaigns_are_refused_with_401_problem() {
        given().get("/api/campaigns").then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void an_employee_cannot_create_campaigns() {
        given().header("Authorization", Keycloak.bearer("emp001")).contentType("application/json").body(VALID)
                .post("/api/campaigns").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/forbidden"));
    }

    @Test
    void hr_creates_a_campaign_and_sees_it_in_the_list() {
        String id = given().header("Authorization", Keycloak.bearer("hr")).contentType("application/json").body(VALID)
                .post("/api/campaigns").then().statusCode(201).header("Location", containsString("/api/campaigns/"))
                .body("id", notNullValue()).body("roundDuration", equalTo("PT120H")).extract().path("id");
        given().header("Authorization", Keycloak.bearer("hr")).get("/api/campaigns").then().statusCode(200)
                .body("id", hasItem(id));
    }

    @Test
    void invalid_fields_are_refused_with_400_naming_the_field() {
        record Case(String from, String to, String field) {
        }
        for (Case c : List.of(
                new Case("0 0 9 ? * MON/2", "every monday", "schedule"),
                new Case("Europe/Berlin", "Mars/Olympus", "timeZone"),
                new Case("P5D", "PT0S", "roundDuration"),
                new Case("P5D", "-P1D", "roundDuration"),
                new Case("P5D", "five days", "roundDuration"),
                new Case("[\"/production\"]", "[\"/nowhere\"]", "units[0]"),
                new Case("[\"/production\"]", "[]", "units"),
                new Case("\"itemsPerRound\":6", "\"itemsPerRound\":0", "itemsPerRound"),
                new Case("\"name\":\"Pulse\"", "\"name\":\" \"", "name"))) {
            given().header("Authorization", Keycloak.bearer("hr")).contentType("application/json")
                    .body(VALID.replace(c.from(), c.to()))
                    .post("/api/campaigns").then().statusCode(400).contentType("application/problem+json")
                    .body("errors." + (c.field().contains("[") ? "'" + c.field() + "'" : c.field()), notNullValue());
        }
    }

    @Test
    void malformed_json_and_unknown_fields_are_400_problems() {
        given().header("Authorization", Keycloak.bearer("hr")).contentType("application/json").body("{\"name\":")
                .post("/api/campaigns").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", Keycloak.bearer("hr")).contentType("application/json")
                .body(VALID.replace("{", "{\"owner\":\"me\","))
                .post("/api/campaigns").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void a_second_round_cannot_open_while_one_is_open_and_unknown_campaigns_are_404() {
        String id = Campaigns.create("Twice", List.of("/logistics"), 5);
        Campaigns.openRound(id);
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/campaigns/" + id + "/rounds")
                .then().statusCode(409).body("type", equalTo("https://pulse.dev/problems/round-already-open"));
        given().header("Authorization", Keycloak.bearer("hr"))
                .post("/api/campaigns/00000000-0000-0000-0000-000000000000/rounds").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void hr_changes_a_campaign_and_validation_applies_to_changes_too() {
        String id = Campaigns.create("Changeable", List.of("/logistics"), 5);
        given().header("Authorization", Keycloak.bearer("hr")).contentType("application/json")
                .body(VALID.replace("\"Pulse\"", "\"Renamed\"")).put("/api/campaigns/" + id)
                .then().statusCode(200).body("name", equalTo("Renamed")).body("units[0]", equalTo("/production"))
                .body("nextRoundAt", notNullValue());
        given().header("Authorization", Keycloak.bearer("hr")).contentType("application/json")
                .body(VALID.replace("P5D", "P0D")).put("/api/campaigns/" + id)
                .then().statusCode(400).body("errors.roundDuration", notNullValue());
        given().header("Authorization", Keycloak.bearer("manager")).contentType("application/json").body(VALID)
                .put("/api/campaigns/" + id).then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", Keycloak.bearer("hr")).get("/api/campaigns/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_target_smaller_than_k_cannot_open_a_round() {
        String id = Campaigns.create("Tiny", List.of("/administration/hr"), 5);
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/campaigns/" + id + "/rounds")
                .then().statusCode(409).body("type", equalTo("https://pulse.dev/problems/target-too-small"));
    }

    private static String withRotation(String rotation) {
        return VALID.replace("}", ",\"rotation\":" + rotation + "}");
    }

    @Test
    void a_campaign_without_rotation_gets_the_default_rule_and_shows_it() {
        given().header("Authorization", Keycloak.bearer("hr")).contentType("application/json").body(VALID)
                .post("/api/campaigns").then().statusCode(201)
                .body("rotation.anchorItems", equalTo(List.of("control-1-v1", "security-1-v1", "decisions-1-v1", "voice-1-v1")))
                .body("rotation.everyDimensionWithin", equalTo(3));
    }

    @Test
    void hr_sets_the_rotation_rule_and_the_rounds_ask_its_anchors() {
        String id = given().header("Authorization", Keycloak.bearer("hr")).contentType("application/json")
                .body(withRotation("{\"anchorItems\":[\"usage-2-v1\",\"roles-1-v1\"],\"everyDimensionWithin\":2}"))
                .post("/api/campaigns").then().statusCode(201)
                .body("rotation.anchorItems", equalTo(List.of("usage-2-v1", "roles-1-v1")))
                .body("rotation.everyDimensionWithin", equalTo(2)).extract().path("id");
        given().header("Authorization", Keycloak.bearer("hr")).get("/api/campaigns/" + id).then().statusCode(200)
                .body("rotation.everyDimensionWithin", equalTo(2));
        String roundId = Campaigns.openRound(id);
        List<String> asked = given().header("Authorization", Keycloak.bearer("emp001")).get("/api/me/rounds").then()
                .statusCode(200).extract().jsonPath().getList("find { it.roundId == '" + roundId + "' }.items.id");
        assertEquals(6, asked.size());
        assertEquals(List.of("usage-2-v1", "roles-1-v1"), asked.subList(0, 2), "the campaign's anchors, first");
        // Only the window given: the anchors are the catalogue's default ones.
        given().header("Authorization", Keycloak.bearer("hr")).contentType("application/json")
                .body(withRotation("{\"everyDimensionWithin\":2}")).put("/api/campaigns/" + id).then().statusCode(200)
                .body("rotation.anchorItems.size()", equalTo(4)).body("rotation.everyDimensionWithin", equalTo(2));
    }

    @Test
    void an_impossible_or_malformed_rotation_rule_is_refused_with_400_naming_the_field() {
        record Case(String rotation, String field) {
        }
        for (Case c : List.of(
                new Case("{\"anchorItems\":[\"control-1-v1\",\"no-such-item\"]}", "rotation.anchorItems[1]"),
                new Case("{\"anchorItems\":[\"control-1-v1\",\"control-1-v1\"]}", "rotation.anchorItems[1]"),
                new Case("{\"everyDimensionWithin\":0}", "rotation.everyDimensionWithin"),
                new Case("{\"everyDimensionWithin\":-1}", "rotation.everyDimensionWithin"),
                // 6 per round, 4 anchors: 2 rotate over 4 dimensions, so never within 1 round
                new Case("{\"everyDimensionWithin\":1}", "rotation.everyDimensionWithin"),
                new Case("{\"anchorItems\":[\"control-1-v1\",\"control-2-v1\",\"control-3-v1\",\"roles-1-v1\","
                        + "\"roles-2-v1\",\"usage-1-v1\",\"usage-2-v1\"]}", "rotation.anchorItems"),
                new Case("{\"anchorItems\":[\"control-1-v1\",\"control-2-v1\",\"control-3-v1\",\"roles-1-v1\","
                        + "\"roles-2-v1\",\"usage-1-v1\"],\"everyDimensionWithin\":5}", "rotation.everyDimensionWithin"))) {
            given().header("Authorization", Keycloak.bearer("hr")).contentType("application/json").body(withRotation(c.rotation()))
                    .post("/api/campaigns").then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("https://pulse.dev/problems/invalid-field"))
                    .body("errors.'" + c.field() + "'", notNullValue());
        }
        for (String malformed : List.of("{\"anchors\":[]}", "{\"anchorItems\":\"control-1-v1\"}",
                "{\"everyDimensionWithin\":\"three\"}", "[]", "{\"everyDimensionWithin\":99999999999}")) {
            given().header("Authorization", Keycloak.bearer("hr")).contentType("application/json").body(withRotation(malformed))
                    .post("/api/campaigns").then().statusCode(400).contentType("application/problem+json");
        }
    }
}
