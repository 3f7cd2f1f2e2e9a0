package dev.pulse.survey.schedule;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.survey.campaign.CampaignService;
import dev.pulse.survey.db.Sql;
import dev.pulse.survey.problem.ProblemException;
import dev.pulse.survey.round.RoundService;
import dev.pulse.survey.support.Campaigns;
import dev.pulse.survey.support.Keycloak;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RoundSchedulerTest {
    @Inject
    RoundScheduler scheduler;
    @Inject
    DataSource db;
    @Inject
    CampaignService campaigns;
    @Inject
    RoundService rounds;

    private long roundsOf(String campaignId) {
        return Sql.one(db, "select count(*) from round where campaign_id = ?", rs -> rs.getLong(1), UUID.fromString(campaignId))
                .orElseThrow();
    }

    /** Makes the campaign look as if it was created a week ago, so its daily schedule has a missed fire time. */
    private void backdate(String campaignId) {
        Sql.update(db, "update campaign set updated_at = now() - interval '7 days' where id = ?", UUID.fromString(campaignId));
    }

    @Test
    void a_due_round_opens_exactly_once_when_several_instances_race_for_it() throws Exception {
        String id = Campaigns.create("Scheduled " + System.nanoTime(), List.of("/it"), 5);
        backdate(id);
        var pool = Executors.newFixedThreadPool(4);
        try {
            // Four schedulers at the same instant, each with its own transactions and connections: the
            // same race two survey-service processes run against one database.
            List<Callable<Integer>> instances = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < 4; i++) {
                instances.add(() -> scheduler.openDueRounds(now));
            }
            for (Future<Integer> f : pool.invokeAll(instances, 120, TimeUnit.SECONDS)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, roundsOf(id));
        scheduler.openDueRounds(Instant.now());
        assertEquals(1, roundsOf(id), "the next tick does not open the same fire time again");

        String roundId = given().header("Authorization", Keycloak.bearer("hr")).get("/api/campaigns/" + id)
                .then().statusCode(200).extract().path("openRoundId");
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/rounds/" + roundId + "/close").then().statusCode(200);
        scheduler.openDueRounds(Instant.now());
        assertEquals(1, roundsOf(id), "closing early does not make the same fire time due again");
    }

    @Test
    void paused_and_archived_campaigns_open_nothing_and_resuming_does_not_catch_up() {
        String id = Campaigns.create("Paused " + System.nanoTime(), List.of("/it"), 5);
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/campaigns/" + id + "/pause")
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("PAUSED"));
        backdate(id);
        scheduler.openDueRounds(Instant.now());
        assertEquals(0, roundsOf(id));
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/campaigns/" + id + "/resume").then().statusCode(200);
        scheduler.openDueRounds(Instant.now());
        assertEquals(0, roundsOf(id), "fire times missed while paused are not owed");
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/campaigns/" + id + "/archive").then().statusCode(200);
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/campaigns/" + id + "/resume").then().statusCode(409)
                .contentType("application/problem+json");
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/campaigns/" + id + "/rounds").then().statusCode(409);
    }

    @Test
    void the_database_lets_each_fire_time_open_once_even_when_an_instance_skips_every_check_of_its_own() {
        String id = Campaigns.create("Fire time " + System.nanoTime(), List.of("/it"), 5);
        var campaign = campaigns.get(UUID.fromString(id));
        Instant fireTime = Instant.parse("2026-03-02T08:00:00Z");
        String first = rounds.open(campaign, Instant.now(), fireTime).toString();
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/rounds/" + first + "/close").then().statusCode(200);
        // A second instance whose view of the schedule is stale: no open round stops it, only the constraint does.
        ProblemException refused = assertThrows(ProblemException.class, () -> rounds.open(campaign, Instant.now(), fireTime));
        assertEquals(409, refused.problem().status());
        assertEquals(1, roundsOf(id));
        // And below the service: the same fire time cannot be written twice, whatever the code above does.
        var raw = assertThrows(Sql.DataAccessException.class, () -> Sql.update(db,
                "insert into round (id, campaign_id, sequence, status, min_group_size, opened_at, closes_at, items, scheduled_for) "
                        + "values (?, ?, 99, 'CLOSED', 5, now(), now(), '[]'::jsonb, ?)", UUID.randomUUID(), UUID.fromString(id), fireTime));
        assertTrue(Sql.isUniqueViolation(raw));
        var secondOpen = assertThrows(Sql.DataAccessException.class, () -> Sql.update(db,
                "insert into round (id, campaign_id, sequence, status, min_group_size, opened_at, closes_at, items) "
                        + "select ?, campaign_id, 98, 'OPEN', 5, now(), now(), '[]'::jsonb from round where id = ?",
                UUID.randomUUID(), UUID.fromString(Campaigns.openRound(id))));
        assertTrue(Sql.isUniqueViolation(secondOpen), "and a campaign never has two open rounds");
    }
}
