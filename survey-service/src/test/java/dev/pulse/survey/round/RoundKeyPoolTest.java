package dev.pulse.survey.round;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.crypto.RoundKeys;
import dev.pulse.survey.db.Sql;
import dev.pulse.survey.schedule.KeyPregenerator;
import dev.pulse.survey.schedule.Schedule;
import dev.pulse.survey.support.Campaigns;
import dev.pulse.survey.support.Keycloak;
import dev.pulse.survey.support.Voter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Round keys generated ahead: used by the next round, each exactly once, and never kept without a purpose. */
@QuarkusTest
class RoundKeyPoolTest {
    /** A schedule no other test uses, so a pass "ten minutes before it" fills only this test's campaigns. */
    private static final String CRON = "0 17 3 ? * WED";
    private static final List<String> UNITS = List.of("/production", "/logistics", "/it", "/administration");

    @Inject
    KeyPregenerator pregenerator;
    @Inject
    RoundKeyPool pool;
    @Inject
    RoundKeyring keyring;
    @Inject
    DataSource db;

    private static String create(List<String> units) {
        return create(units, "P5D");
    }

    private static String create(List<String> units, String roundDuration) {
        String body = "{\"name\":\"Pool " + System.nanoTime() + "\",\"schedule\":\"" + CRON + "\",\"timeZone\":\"Europe/Berlin\","
                + "\"roundDuration\":\"" + roundDuration + "\",\"units\":[" + String.join(",", units.stream().map(u -> "\"" + u + "\"").toList())
                + "],\"itemsPerRound\":6}";
        return given().header("Authorization", Keycloak.bearer("hr")).contentType("application/json").body(body)
                .post("/api/campaigns").then().statusCode(201).extract().path("id");
    }

    private Set<String> poolKeyIds(String campaignId) {
        return new HashSet<>(Sql.list(db, "select key_id from round_key_pool where campaign_id = ?", rs -> rs.getString(1),
                UUID.fromString(campaignId)));
    }

    private static Instant tenMinutesBeforeTheNextRound() {
        return Schedule.next(CRON, ZoneId.of("Europe/Berlin"), Instant.now()).orElseThrow().minus(Duration.ofMinutes(10));
    }

    @Test
    void keys_generated_ahead_are_the_keys_the_round_publishes_and_they_sign_ballots_that_count() {
        String id = create(UNITS);
        assertTrue(pregenerator.pregenerate(tenMinutesBeforeTheNextRound()) > 0);
        Set<String> ahead = poolKeyIds(id);
        assertFalse(ahead.isEmpty());
        assertEquals(0, pregenerator.pregenerate(tenMinutesBeforeTheNextRound()), "a full pool is not filled again");

        String roundId = Campaigns.openRound(id);
        JsonPath keys = given().get("/api/rounds/" + roundId + "/keys").then().statusCode(200).extract().jsonPath();
        assertEquals(ahead, new HashSet<>(keys.getList("keyId")), "one pool key per reporting unit, nothing generated at opening");
        assertTrue(poolKeyIds(id).isEmpty(), "assigned keys left the pool");

        // The re-sealed key signs, and the signature verifies like any other.
        List<java.util.Map<String, Object>> mine = given().header("Authorization", Keycloak.bearer("emp001")).get("/api/me/rounds")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.roundId == '" + roundId + "' }");
        String keyId = (String) mine.get(0).get("keyId");
        Voter voter = new Voter(keys.getString("find { it.keyId == '" + keyId + "' }.publicKey"));
        String blindSig = given().header("Authorization", Keycloak.bearer("emp001")).contentType("application/json")
                .body("{\"blindedMsg\":\"" + voter.blindedMsg() + "\"}").post("/api/rounds/" + roundId + "/ballots")
                .then().statusCode(200).extract().path("blindSig");
        @SuppressWarnings("unchecked")
        String item = (String) ((List<java.util.Map<String, Object>>) mine.get(0).get("items")).get(0).get("id");
        given().contentType("application/json").body("{\"roundId\":\"" + roundId + "\",\"keyId\":\"" + keyId + "\",\"token\":"
                        + voter.token(blindSig) + ",\"answers\":{\"" + item + "\":4}}")
                .post("/api/responses").then().statusCode(202);
    }

    @Test
    void no_keys_are_made_ahead_for_a_campaign_whose_open_round_outlasts_its_next_fire_time() {
        String blocked = create(List.of("/it"), "P10D");
        Campaigns.openRound(blocked);
        pregenerator.pregenerate(tenMinutesBeforeTheNextRound());
        assertTrue(poolKeyIds(blocked).isEmpty(), "the scheduled round cannot open, so its keys would only wait");
    }

    @Test
    void a_round_takes_what_the_pool_has_and_generates_the_rest() {
        String id = create(UNITS);
        assertTrue(pool.addOne(UUID.fromString(id), 1));
        Set<String> ahead = poolKeyIds(id);
        String roundId = Campaigns.openRound(id);
        List<String> keyIds = given().get("/api/rounds/" + roundId + "/keys").then().statusCode(200).extract().jsonPath().getList("keyId");
        assertTrue(keyIds.size() > 1);
        assertTrue(keyIds.containsAll(ahead));
        assertTrue(poolKeyIds(id).isEmpty());
    }

    @Test
    void a_pool_key_is_taken_once_even_when_two_openings_reach_for_it_at_the_same_moment() throws Exception {
        UUID id = UUID.fromString(create(List.of("/it")));
        assertTrue(pool.addOne(id, 1));
        CountDownLatch firstHoldsIt = new CountDownLatch(1);
        CountDownLatch secondTried = new CountDownLatch(1);
        var threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = threads.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                int taken = pool.take(id, 5).size();
                firstHoldsIt.countDown();
                secondTried.await(30, TimeUnit.SECONDS);
                return taken;
            }));
            assertTrue(firstHoldsIt.await(30, TimeUnit.SECONDS));
            Future<Integer> second = threads.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                try {
                    return pool.take(id, 5).size();
                } finally {
                    secondTried.countDown();
                }
            }));
            assertEquals(0, second.get(30, TimeUnit.SECONDS), "the key the first opening holds is not handed out again");
            assertEquals(1, first.get(30, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
        assertEquals(0, pool.size(id));
        assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> pool.take(id, 5)), "and it is gone for good");
    }

    @Test
    void the_database_refuses_to_give_one_key_to_a_second_round_or_unit() {
        String roundA = Campaigns.openRound(create(List.of("/it")));
        String roundB = Campaigns.openRound(create(List.of("/logistics")));
        String keyId = given().get("/api/rounds/" + roundA + "/keys").then().extract().path("[0].keyId");
        Sql.DataAccessException refused = assertThrows(Sql.DataAccessException.class, () -> Sql.update(db,
                "insert into round_key (key_id, round_id, unit_id, public_key, sealed_private_key) "
                        + "select key_id, ?, 'other-unit', public_key, sealed_private_key from round_key where key_id = ?",
                UUID.fromString(roundB), keyId));
        assertTrue(Sql.isUniqueViolation(refused));
    }

    @Test
    void pausing_or_archiving_a_campaign_deletes_its_unused_keys_and_none_are_added_while_it_is_not_active() {
        String id = create(List.of("/it"));
        UUID campaign = UUID.fromString(id);
        assertTrue(pool.addOne(campaign, 1));
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/campaigns/" + id + "/pause").then().statusCode(200);
        assertEquals(0, pool.size(campaign));
        assertFalse(pool.addOne(campaign, 1), "a paused campaign gets no keys, even from a pass that started before the pause");
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/campaigns/" + id + "/resume").then().statusCode(200);
        assertTrue(pool.addOne(campaign, 1));
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/campaigns/" + id + "/archive").then().statusCode(200);
        assertEquals(0, pool.size(campaign));
    }

    @Test
    void a_pool_key_moved_to_another_campaign_or_key_id_does_not_open() {
        KeyPair pair = RoundKeys.generate(2048);
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) pair.getPrivate();
        UUID campaign = UUID.randomUUID();
        byte[] sealed = keyring.sealForPool(key, campaign, "key-a");
        UUID round = UUID.randomUUID();
        assertThrows(IllegalArgumentException.class, () -> keyring.resealForRound(sealed, UUID.randomUUID(), "key-a", round, "u"));
        assertThrows(IllegalArgumentException.class, () -> keyring.resealForRound(sealed, campaign, "key-b", round, "u"));
        byte[] resealed = keyring.resealForRound(sealed, campaign, "key-a", round, "u");
        assertThrows(IllegalArgumentException.class, () -> keyring.resealForRound(resealed, campaign, "key-a", round, "u"),
                "once bound to its round and unit it is no pool key any more");
    }
}
