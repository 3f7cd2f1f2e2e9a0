package dev.pulse.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.contracts.ContractJson;
import dev.pulse.contracts.ResponseSubmitted;
import dev.pulse.contracts.Topics;
import dev.pulse.crypto.Base64Url;
import dev.pulse.crypto.BlindRsa;
import dev.pulse.crypto.Blinding;
import dev.pulse.crypto.RoundKeys;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One anonymous answer travels for real: Keycloak login, blind ballot, anonymous submission through the
 * gateway, outbox, Kafka, analytics aggregates, HR report. Runs against the stack that ./pulse test starts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> UNITS = List.of("/production", "/logistics", "/it", "/administration");
    private static final int VOTERS = 6;

    private static String roundId;
    private static final Map<String, List<String>> usersByKey = new LinkedHashMap<>();
    private static final List<Map<String, Integer>> submitted = new ArrayList<>();
    private static String keyOfVoters;
    private static String unitOfVoters;
    private static String firstVoter;
    private static String firstVoterToken;

    private record Ballot(String keyId, String tokenJson) {
    }

    @Test
    @Order(1)
    void hr_opens_a_round_for_the_whole_company() {
        String body = "{\"name\":\"E2E " + UUID.randomUUID() + "\",\"schedule\":\"0 0 9 1 1 ? 2099\",\"timeZone\":\"Europe/Berlin\","
                + "\"roundDuration\":\"P5D\",\"units\":[\"/production\",\"/logistics\",\"/it\",\"/administration\"],\"itemsPerRound\":6}";
        String campaignId = given().header("Authorization", Stack.bearer("hr")).contentType("application/json").body(body)
                .post(Stack.GATEWAY + "/api/campaigns").then().statusCode(201).extract().path("id");
        roundId = given().header("Authorization", Stack.bearer("hr"))
                .post(Stack.GATEWAY + "/api/campaigns/" + campaignId + "/rounds").then().statusCode(201).extract().path("roundId");
        assertNotNull(roundId);
    }

    @Test
    @Order(2)
    void the_keys_are_consistent_one_per_unit_and_each_employee_is_told_theirs() {
        JsonPath keys = given().get(Stack.GATEWAY + "/api/rounds/" + roundId + "/keys").then().statusCode(200).extract().jsonPath();
        List<String> unitIds = keys.getList("unitId");
        assertEquals(unitIds.size(), new HashSet<>(unitIds).size(), "exactly one key per reporting unit");
        for (int i = 1; i <= 40; i++) {
            String user = String.format("emp%03d", i);
            JsonPath mine = given().header("Authorization", Stack.bearer(user)).get(Stack.GATEWAY + "/api/me/rounds")
                    .then().statusCode(200).extract().jsonPath();
            String keyId = mine.getString("find { it.roundId == '" + roundId + "' }.keyId");
            assertTrue(keys.getList("keyId").contains(keyId), "the key of " + user + " is in the public list");
            usersByKey.computeIfAbsent(keyId, k -> new ArrayList<>()).add(user);
        }
        keyOfVoters = usersByKey.entrySet().stream().filter(e -> e.getValue().size() >= VOTERS).findFirst().orElseThrow().getKey();
        unitOfVoters = keys.getString("find { it.keyId == '" + keyOfVoters + "' }.unitId");
    }

    private Ballot ballotFor(String user) {
        String spki = given().get(Stack.GATEWAY + "/api/rounds/" + roundId + "/keys").then().extract().jsonPath()
                .getString("find { it.keyId == '" + keyOfVoters + "' }.publicKey");
        RSAPublicKey key = RoundKeys.parsePublicKeySpki(spki);
        byte[] msg = new byte[32];
        RANDOM.nextBytes(msg);
        byte[] prepared = BlindRsa.prepare(msg, RANDOM);
        Blinding blinding = BlindRsa.blind(key, prepared, RANDOM);
        JsonPath issued = given().header("Authorization", Stack.bearer(user)).contentType("application/json")
                .body("{\"blindedMsg\":\"" + Base64Url.encode(blinding.blindedMsg()) + "\"}")
                .post(Stack.GATEWAY + "/api/rounds/" + roundId + "/ballots").then().statusCode(200).extract().jsonPath();
        assertEquals(keyOfVoters, issued.getString("keyId"));
        byte[] sig = BlindRsa.finalizeSignature(key, prepared, Base64Url.decode(issued.getString("blindSig")), blinding.inv());
        return new Ballot(issued.getString("keyId"),
                "{\"msg\":\"" + Base64Url.encode(prepared) + "\",\"sig\":\"" + Base64Url.encode(sig) + "\"}");
    }

    private int submit(Ballot ballot, Map<String, Integer> answers) throws Exception {
        // No Authorization, no cookie: the anonymous route.
        return given().contentType("application/json")
                .body("{\"roundId\":\"" + roundId + "\",\"keyId\":\"" + ballot.keyId() + "\",\"token\":" + ballot.tokenJson()
                        + ",\"answers\":" + JSON.writeValueAsString(answers) + "}")
                .post(Stack.GATEWAY + "/api/responses").then().extract().statusCode();
    }

    @Test
    @Order(3)
    void employees_get_one_blind_ballot_each_and_answer_anonymously() throws Exception {
        List<String> items = given().header("Authorization", Stack.bearer(usersByKey.get(keyOfVoters).get(0)))
                .get(Stack.GATEWAY + "/api/me/rounds").then().extract().jsonPath()
                .getList("find { it.roundId == '" + roundId + "' }.items.id");
        List<String> voters = usersByKey.get(keyOfVoters).subList(0, VOTERS);
        for (int v = 0; v < voters.size(); v++) {
            Ballot ballot = ballotFor(voters.get(v));
            Map<String, Integer> answers = new TreeMap<>();
            for (int i = 0; i < items.size(); i++) {
                if (!(v == 0 && i == items.size() - 1)) { // the first voter skips the last item
                    answers.put(items.get(i), 1 + (v * 3 + i) % 5);
                }
            }
            assertEquals(202, submit(ballot, answers));
            submitted.add(answers);
            if (v == 0) {
                firstVoter = voters.get(v);
                firstVoterToken = ballot.tokenJson();
                assertEquals(409, submit(ballot, answers), "replaying a token is refused");
            }
        }
    }

    @Test
    @Order(4)
    void a_second_ballot_for_the_same_person_is_refused() {
        given().header("Authorization", Stack.bearer(firstVoter)).contentType("application/json")
                .body("{\"blindedMsg\":\"AAAA\"}").post(Stack.GATEWAY + "/api/rounds/" + roundId + "/ballots")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    @Order(5)
    void hr_sees_the_count_and_exact_figures_once_the_round_closes() {
        given().header("Authorization", Stack.bearer("hr")).post(Stack.GATEWAY + "/api/rounds/" + roundId + "/close")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode results = JSON.readTree(given().header("Authorization", Stack.bearer("hr"))
                    .get(Stack.GATEWAY + "/api/analytics/rounds/" + roundId + "/results").then().statusCode(200)
                    .extract().asString());
            JsonNode unit = null;
            for (JsonNode u : results.path("units")) {
                if (u.path("unitId").asText().equals(unitOfVoters)) {
                    unit = u;
                }
            }
            assertNotNull(unit, "the voters' unit is reported");
            assertFalse(unit.path("suppressed").asBoolean(), "6 respondents >= k");
            assertEquals(VOTERS, unit.path("n").asInt());
            for (JsonNode item : unit.path("items")) {
                String id = item.path("itemId").asText();
                List<Integer> values = submitted.stream().filter(a -> a.containsKey(id)).map(a -> a.get(id)).toList();
                if (values.size() < 5) {
                    assertTrue(item.path("suppressed").asBoolean(), id + " has " + values.size() + " answers: suppressed");
                    assertTrue(item.path("mean").isMissingNode(), "a suppressed cell carries no numbers");
                    continue;
                }
                assertEquals(values.size(), item.path("n").asInt(), id);
                for (int score = 1; score <= 5; score++) {
                    final int s = score;
                    long raw = values.stream().filter(x -> x == s).count();
                    // reverse-keyed items are flipped (6 - answer) so higher is better
                    long flipped = values.stream().filter(x -> 6 - x == s).count();
                    long reported = item.path("distribution").path(String.valueOf(score)).asLong();
                    assertTrue(reported == raw || reported == flipped, id + " distribution at " + score);
                }
            }
        });
    }

    @Test
    @Order(6)
    void neither_the_survey_database_nor_kafka_holds_an_identifier_of_the_voter() throws Exception {
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(Stack.token(firstVoter).split("\\.")[1]));
        List<String> identifiers = List.of(claims.path("sub").asText(), firstVoter, firstVoter + "@pulse.example",
                claims.path("sid").asText("no-session-claim"));
        try (Connection c = DriverManager.getConnection(Stack.SURVEY_JDBC, Stack.SURVEY_DB_USER, Stack.SURVEY_DB_PASSWORD)) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("select table_name, column_name from information_schema.columns "
                    + "where table_schema = 'public'")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] col : columns) {
                for (String id : identifiers) {
                    try (var ps = c.prepareStatement("select count(*) from \"" + col[0] + "\" where \"" + col[1] + "\"::text like ?")) {
                        ps.setString(1, "%" + id + "%");
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            assertEquals(0, rs.getInt(1), col[0] + "." + col[1] + " contains an identifier of the voter");
                        }
                    }
                }
            }
        }
        Properties props = new Properties();
        props.put("bootstrap.servers", Stack.KAFKA);
        props.put("group.id", "e2e-audit-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        int found = 0;
        var timestamps = new HashSet<Long>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.RESPONSES));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found < VOTERS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String text = new String(record.value(), StandardCharsets.UTF_8);
                    identifiers.forEach(id -> assertFalse(text.contains(id), "Kafka record holds an identifier"));
                    ResponseSubmitted r;
                    try {
                        r = ContractJson.decode(record.value(), ResponseSubmitted.class);
                    } catch (ContractJson.MalformedMessageException e) {
                        continue; // a poison record (PoisonMessageIT puts one there): the dead-letter topic's business
                    }
                    if (r.roundId().toString().equals(roundId)) {
                        found++;
                        assertEquals(roundId, record.key(), "keyed by round so order per round holds");
                        timestamps.add(record.timestamp());
                    }
                }
            }
        }
        assertTrue(found >= VOTERS, "all " + VOTERS + " responses are on the topic (found " + found + ")");
        assertEquals(1, timestamps.size(), "every record of a round carries the same coarse time, not the time of answering");
    }
}
