package dev.pulse.deploy.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.crypto.Base64Url;
import dev.pulse.crypto.BlindRsa;
import dev.pulse.crypto.Blinding;
import dev.pulse.deploy.security.Live;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two survey-service processes against one database (./pulse up --scale 2; ./pulse test runs at scale 2): a ballot,
 * a token and a scheduled round each exist exactly once, whichever instance a request or a scheduler tick lands on.
 * The guarantees live in PostgreSQL (conditional roster update, spent_token primary key, one open round per
 * campaign), not in either JVM — this suite is what would notice if one of them moved into memory.
 */
class TwoInstancesIT {
    private static final List<String> SURVEYS = List.of(
            "http://" + Live.HOST + ":" + Live.env("SURVEY_PORT", "8081"),
            "http://" + Live.HOST + ":" + Live.env("SURVEY_PORT_2", "8091"));
    private static final int RACERS = 8;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(RACERS);
    private static final List<String> OPENED = new ArrayList<>();

    @BeforeAll
    static void both_instances_run() {
        for (String survey : SURVEYS) {
            HttpResponse<String> ready = Live.call("GET", survey + "/q/health/ready", null, null);
            assertEquals(200, ready.statusCode(), survey + " is not ready — this suite needs ./pulse up --scale 2");
        }
    }

    @AfterAll
    static void close_what_was_opened() {
        POOL.shutdownNow();
        OPENED.forEach(Live::closeRound);
    }

    @Test
    void one_person_racing_ballot_requests_against_both_instances_gets_exactly_one_ballot() throws Exception {
        String roundId = open("Two instances: ballots");
        String user = "emp007";
        String keyId = Live.myRound(user, roundId).orElseThrow().path("keyId").asText();
        RSAPublicKey key = Live.publicKey(roundId, keyId);
        SecureRandom random = new SecureRandom();
        String token = Live.token(user);

        Map<Integer, Integer> statuses = race(i -> {
            byte[] msg = new byte[32];
            random.nextBytes(msg);
            Blinding blinding = BlindRsa.blind(key, BlindRsa.prepare(msg, random), random);
            return post(SURVEYS.get(i % 2) + "/api/rounds/" + roundId + "/ballots", token,
                    "{\"blindedMsg\":\"" + Base64Url.encode(blinding.blindedMsg()) + "\"}");
        });

        assertEquals(Map.of(200, 1, 409, RACERS - 1), statuses, "exactly one of " + RACERS + " ballot requests wins");
    }

    @Test
    void the_same_token_sent_to_both_instances_at_once_is_accepted_exactly_once() throws Exception {
        String roundId = open("Two instances: tokens");
        SecureRandom random = new SecureRandom();
        int tokens = 0;
        for (int u = 20; u < 30; u++) {
            String user = String.format("emp%03d", u);
            JsonNode mine = Live.myRound(user, roundId).orElse(null);
            if (mine == null) {
                continue;
            }
            String body = Live.ballot(user, roundId, random).submission(roundId, Live.answers(mine, 1 + random.nextInt(5)));
            Map<Integer, Integer> statuses = race(i -> post(SURVEYS.get(i % 2) + "/api/responses", null, body));
            assertEquals(Map.of(202, 1, 409, RACERS - 1), statuses, "one token, " + RACERS + " parallel submissions over two instances");
            tokens++;
        }
        assertTrue(tokens >= 5, "enough eligible people in emp020..emp029, got " + tokens);
        try (Connection c = Live.surveyDb()) {
            assertEquals(tokens, Live.count(c, "select count(*) from response where round_id = ?", UUID.fromString(roundId)),
                    "one stored response per token");
        }
    }

    @Test
    void campaigns_scheduled_for_the_same_second_each_open_exactly_one_round_with_two_schedulers_running() throws Exception {
        ZonedDateTime fire = ZonedDateTime.now(ZoneId.of("Europe/Berlin")).plusSeconds(15);
        String cron = String.format("%d %d %d %d %d ? %d", fire.getSecond(), fire.getMinute(), fire.getHour(),
                fire.getDayOfMonth(), fire.getMonthValue(), fire.getYear());
        List<String> campaigns = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String body = "{\"name\":\"Two schedulers " + i + " " + UUID.randomUUID() + "\",\"schedule\":\"" + cron
                    + "\",\"timeZone\":\"Europe/Berlin\",\"roundDuration\":\"P1D\",\"units\":[\"/it\",\"/logistics\"],\"itemsPerRound\":5}";
            campaigns.add(Live.json(Live.require(Live.call("POST", Live.GATEWAY + "/api/campaigns", Live.token("hr"), body), 201))
                    .path("id").asText());
        }
        // Both schedulers tick every few seconds (pulse.scheduler.every); after the fire time every campaign has had
        // several chances on each instance to open a second round.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Long> rounds = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            rounds = roundsPerCampaign(campaigns);
            if (rounds.values().stream().allMatch(n -> n >= 1)) {
                break;
            }
            Thread.sleep(1000);
        }
        Thread.sleep(12_000);
        rounds = roundsPerCampaign(campaigns);
        try (Connection c = Live.surveyDb(); var ps = c.prepareStatement("select id from round where campaign_id = ?")) {
            for (String campaign : campaigns) {
                ps.setObject(1, UUID.fromString(campaign));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OPENED.add(rs.getString(1));
                    }
                }
            }
        }
        for (String campaign : campaigns) {
            assertEquals(1L, rounds.get(campaign), "rounds of campaign " + campaign + " fired at " + fire);
        }
    }

    private static String open(String label) {
        String roundId = Live.openRound(label)[1];
        OPENED.add(roundId);
        return roundId;
    }

    private static Map<String, Long> roundsPerCampaign(List<String> campaigns) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = Live.surveyDb()) {
            for (String campaign : campaigns) {
                counts.put(campaign, Live.count(c, "select count(*) from round where campaign_id = ?", UUID.fromString(campaign)));
            }
        }
        return counts;
    }

    /** Runs {@link #RACERS} requests released at the same instant; returns status → how many. */
    private static Map<Integer, Integer> race(Function<Integer, HttpRequest> request) throws Exception {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            requests.add(request.apply(i));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (HttpRequest r : requests) {
            results.add(POOL.submit(() -> {
                start.await();
                return Live.HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
            }));
        }
        start.countDown();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Future<Integer> f : results) {
            statuses.merge(f.get(60, TimeUnit.SECONDS), 1, Integer::sum);
        }
        return statuses;
    }

    private static HttpRequest post(String url, String bearer, String json) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        return r.build();
    }
}
