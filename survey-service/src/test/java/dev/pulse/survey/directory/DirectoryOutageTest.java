package dev.pulse.survey.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.survey.config.PulseConfig;
import dev.pulse.survey.db.Sql;
import dev.pulse.survey.schedule.RoundScheduler;
import dev.pulse.survey.support.Campaigns;
import dev.pulse.survey.support.Keycloak;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keycloak going away: campaigns keep validating against the last good snapshot, rounds never open without a fresh one. */
@QuarkusTest
class DirectoryOutageTest {
    @Inject
    PulseConfig config;
    @Inject
    RoundScheduler scheduler;
    @Inject
    OrgSnapshots snapshots;
    @Inject
    DataSource db;

    private SwitchableDirectory directory;

    /** The real Keycloak directory, until the test pulls the plug. */
    static final class SwitchableDirectory extends KeycloakDirectory {
        volatile boolean down;

        SwitchableDirectory(PulseConfig config) {
            super(config);
        }

        @Override
        public OrgSnapshot snapshot() {
            if (down) {
                throw new DirectoryUnavailableException("Keycloak directory unreadable: connection refused (test)", null);
            }
            return super.snapshot();
        }
    }

    @BeforeEach
    void installDirectory() {
        directory = new SwitchableDirectory(config);
        QuarkusMock.installMockForType(directory, KeycloakDirectory.class);
    }

    private long roundsOf(String campaignId) {
        return Sql.one(db, "select count(*) from round where campaign_id = ?", rs -> rs.getLong(1), UUID.fromString(campaignId))
                .orElseThrow();
    }

    @Test
    void opening_a_round_while_keycloak_is_down_is_a_clear_503_and_opens_nothing() {
        String id = Campaigns.create("Outage " + System.nanoTime(), List.of("/it"), 6);
        directory.down = true;
        given().header("Authorization", Keycloak.bearer("hr")).post("/api/campaigns/" + id + "/rounds").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "60")
                .body("type", equalTo("https://pulse.dev/problems/directory-unavailable"))
                .body("detail", containsString("never opens with an outdated organisation"));
        assertEquals(0, roundsOf(id), "no round with a stale or empty organisation");
        directory.down = false;
        Campaigns.openRound(id);
    }

    @Test
    void a_scheduled_round_waits_while_keycloak_is_down_and_opens_once_when_it_answers() {
        String id = Campaigns.create("Outage scheduled " + System.nanoTime(), List.of("/it"), 6);
        Sql.update(db, "update campaign set updated_at = now() - interval '7 days' where id = ?", UUID.fromString(id));
        directory.down = true;
        scheduler.openDueRounds(Instant.now());
        assertEquals(0, roundsOf(id));
        scheduler.openDueRounds(Instant.now());
        assertEquals(0, roundsOf(id), "still down: still nothing");
        directory.down = false;
        scheduler.openDueRounds(Instant.now());
        assertEquals(1, roundsOf(id), "the fire time stayed due and opens once the directory answers");
        scheduler.openDueRounds(Instant.now());
        assertEquals(1, roundsOf(id));
    }

    @Test
    void while_keycloak_is_down_campaigns_are_validated_against_the_last_good_snapshot() {
        snapshots.refresh();
        directory.down = true;
        snapshots.refresh();
        Campaigns.create("Validated offline " + System.nanoTime(), List.of("/logistics"), 6);
        given().header("Authorization", Keycloak.bearer("hr")).contentType("application/json")
                .body("{\"name\":\"x\",\"schedule\":\"0 0 9 ? * MON\",\"timeZone\":\"Europe/Berlin\",\"roundDuration\":\"P5D\","
                        + "\"units\":[\"/not-a-unit\"],\"itemsPerRound\":6}")
                .post("/api/campaigns").then().statusCode(400).body("errors.'units[0]'", containsString("unknown unit"));
    }

    @Test
    void the_snapshot_age_is_a_wellness_check_and_a_metric() {
        snapshots.refresh();
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.name", hasItem("organisation directory snapshot"))
                .body("checks.find { it.name == 'organisation directory snapshot' }.status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("pulse_directory_snapshot_age_seconds"));
    }
}
