package dev.pulse.survey.ballot;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.crypto.Base64Url;
import dev.pulse.survey.support.Campaigns;
import dev.pulse.survey.support.Keycloak;
import dev.pulse.survey.support.Voter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The anonymous path through survey-service: keys, one ballot per person, one answer per ballot. */
@QuarkusTest
class AnonymousBallotFlowTest {
    private static final List<String> UNITS = List.of("/production", "/logistics", "/it", "/administration");
    private String roundId;

    @BeforeEach
    void openRound() {
        roundId = Campaigns.openRound(Campaigns.create("Flow " + System.nanoTime(), UNITS, 8));
    }

    private JsonPath myRound(String user) {
        List<Map<String, Object>> rounds = given().header("Authorization", Keycloak.bearer(user)).get("/api/me/rounds")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.roundId == '" + roundId + "' }");
        assertEquals(1, rounds.size(), user + " sees the round once");
        return new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(rounds.get(0)).toString());
    }

    private String publicKey(String keyId) {
        return given().get("/api/rounds/" + roundId + "/keys").then().statusCode(200).extract().jsonPath()
                .getString("find { it.keyId == '" + keyId + "' }.publicKey");
    }

    private io.restassured.response.Response ballot(String user, String blindedMsg) {
        return given().header("Authorization", Keycloak.bearer(user)).contentType("application/json")
                .body("{\"blindedMsg\":\"" + blindedMsg + "\"}").post("/api/rounds/" + roundId + "/ballots");
    }

    private String answers(JsonPath round, int value) {
        return "{\"" + round.getString("items[0].id") + "\":" + value + ",\"" + round.getString("items[1].id") + "\":" + value + "}";
    }

    private io.restassured.response.Response submit(String keyId, String token, String answers) {
        return given().contentType("application/json")
                .body("{\"roundId\":\"" + roundId + "\",\"keyId\":\"" + keyId + "\",\"token\":" + token + ",\"answers\":" + answers + "}")
                .post("/api/responses");
    }

    @Test
    void the_round_publishes_one_key_per_reporting_unit_and_a_small_unit_shares_its_ancestors_key() {
        JsonPath keys = given().get("/api/rounds/" + roundId + "/keys").then().statusCode(200).extract().jsonPath();
        List<String> units = keys.getList("unitId");
        assertEquals(units.size(), new HashSet<>(units).size(), "one key per unit");
        assertEquals(keys.getList("keyId").size(), new HashSet<>(keys.getList("keyId")).size());
        List<String> paths = keys.getList("unitPath");
        assertTrue(paths.contains("/production/assembly"));
        assertTrue(!paths.contains("/administration/hr"), "hr has fewer than 5 people: no key of its own");
        // an hr employee gets the key of /administration, shared with others
        assertEquals("/administration", myRound("hr").getString("unitPath"));
    }

    @Test
    void an_employee_gets_exactly_one_ballot_and_answers_anonymously_exactly_once() {
        JsonPath round = myRound("emp001");
        assertEquals(false, round.getBoolean("ballotIssued"));
        String keyId = round.getString("keyId");
        Voter voter = new Voter(publicKey(keyId));

        String blindSig = ballot("emp001", voter.blindedMsg()).then().statusCode(200)
                .body("keyId", equalTo(keyId)).extract().path("blindSig");
        ballot("emp001", new Voter(publicKey(keyId)).blindedMsg()).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("https://pulse.dev/problems/ballot-already-issued"));
        assertEquals(true, myRound("emp001").getBoolean("ballotIssued"));

        String token = voter.token(blindSig);
        submit(keyId, token, answers(round, 4)).then().statusCode(202);
        submit(keyId, token, answers(round, 2)).then().statusCode(409)
                .body("type", equalTo("https://pulse.dev/problems/token-spent"));
    }

    @Test
    void concurrent_ballot_requests_of_one_person_yield_exactly_one_signature() throws Exception {
        String keyId = myRound("emp002").getString("keyId");
        String pk = publicKey(keyId);
        Keycloak.token("emp002");
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> ballot("emp002", new Voter(pk).blindedMsg()).statusCode());
            }
            List<Integer> statuses = pool.invokeAll(calls).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_malformed_blinded_message_is_400_and_does_not_cost_the_ballot() {
        String keyId = myRound("emp003").getString("keyId");
        ballot("emp003", "not base64 !").then().statusCode(400).body("errors.blindedMsg", org.hamcrest.Matchers.notNullValue());
        ballot("emp003", Base64Url.encode(new byte[10])).then().statusCode(400);
        ballot("emp003", Base64Url.encode(new byte[256]).replace('A', '_')).then().statusCode(400);
        ballot("emp003", Base64Url.encode(new byte[256])).then().statusCode(400)
                .body("errors.blindedMsg", org.hamcrest.Matchers.notNullValue()); // zero: below the modulus, yet unsignable
        ballot("emp003", new Voter(publicKey(keyId)).blindedMsg()).then().statusCode(200);
    }

    @Test
    void a_person_outside_the_campaign_is_not_eligible() {
        String itOnly = Campaigns.openRound(Campaigns.create("IT only " + System.nanoTime(), List.of("/it"), 5));
        given().header("Authorization", Keycloak.bearer("emp001")).contentType("application/json")
                .body("{\"blindedMsg\":\"AAAA\"}").post("/api/rounds/" + itOnly + "/ballots")
                .then().statusCode(403).body("type", equalTo("https://pulse.dev/problems/not-eligible"));
    }

    @Test
    void forged_signatures_keys_of_other_rounds_and_bad_answers_are_refused_without_spending_the_ballot() {
        JsonPath round = myRound("emp004");
        String keyId = round.getString("keyId");
        Voter voter = new Voter(publicKey(keyId));
        String token = voter.token(ballot("emp004", voter.blindedMsg()).then().statusCode(200).extract().path("blindSig"));

        String otherRound = Campaigns.openRound(Campaigns.create("Other " + System.nanoTime(), UNITS, 8));
        String otherKey = given().get("/api/rounds/" + otherRound + "/keys").then().extract().path("[0].keyId");
        submit(otherKey, token, answers(round, 3)).then().statusCode(403)
                .body("type", equalTo("https://pulse.dev/problems/key-not-of-round"));
        submit("\\u0000" + keyId, token, answers(round, 3)).then().statusCode(403)
                .body("type", equalTo("https://pulse.dev/problems/key-not-of-round")); // a NUL never reaches PostgreSQL

        String forged = token.replaceFirst("\"sig\":\"(.)", "\"sig\":\"" + (token.contains("\"sig\":\"A") ? "B" : "A"));
        submit(keyId, forged, answers(round, 3)).then().statusCode(403)
                .body("type", equalTo("https://pulse.dev/problems/invalid-signature"));
        submit(keyId, token, answers(round, 9)).then().statusCode(400).contentType("application/problem+json");
        submit(keyId, token, "{\"not-an-item\":3}").then().statusCode(400);
        submit(keyId, token, "{}").then().statusCode(400);
        submit(keyId, token, answers(round, 5)).then().statusCode(202);
    }

    @Test
    void after_closing_no_ballot_and_no_answer_is_accepted() {
        JsonPath round = myRound("emp005");
        String keyId = round.getString("keyId");
        Voter voter = new Voter(publicKey(keyId));
        String token = voter.token(ballot("emp005", voter.blindedMsg()).then().statusCode(200).extract().path("blindSig"));
        given().header("Authorization", Keycloak.bearer("emp001")).post("/api/rounds/" + roundId + "/close").then().statusCode(403);
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/rounds/" + roundId + "/close").then().statusCode(200);
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/rounds/" + roundId + "/close").then().statusCode(409);
        submit(keyId, token, answers(round, 4)).then().statusCode(409).body("type", equalTo("https://pulse.dev/problems/round-not-open"));
        ballot("emp006", new Voter(publicKey(keyId)).blindedMsg()).then().statusCode(409);
        given().header("Authorization", Keycloak.bearer("emp005")).get("/api/me/rounds").then().statusCode(200)
                .body("findAll { it.roundId == '" + roundId + "' }", hasSize(0));
    }

    @Test
    void unknown_rounds_are_404_problems() {
        given().get("/api/rounds/00000000-0000-0000-0000-000000000000/keys").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/rounds/not-a-uuid/keys").then().statusCode(404);
    }
}
