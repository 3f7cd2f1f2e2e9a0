package dev.pulse.deploy.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.deploy.security.Live;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Kafka unreachable for a minute: intake does not depend on the broker, so every answer sent meanwhile is accepted
 * (202) and waits in survey-service's outbox; when Kafka is back the outbox drains and analytics counts each answer
 * exactly once.
 */
class KafkaOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(Long.parseLong(Live.env("PULSE_KAFKA_OUTAGE_SECONDS", "60")));
    private static final int ANSWERS = 60;

    @Test
    void answers_sent_while_kafka_is_down_are_accepted_kept_in_the_outbox_and_counted_once_it_is_back() throws Exception {
        Faults.requireFaultRun();
        String roundId = Live.openRound("Kafka outage")[1];
        List<String> rounds = List.of(roundId);
        SecureRandom random = new SecureRandom();
        List<String> submissions = new ArrayList<>();
        for (int u = 1; u <= 120 && submissions.size() < ANSWERS; u++) {
            String user = String.format("emp%03d", u);
            JsonNode mine = Live.myRound(user, roundId).orElse(null);
            if (mine != null) {
                submissions.add(Live.ballot(user, roundId, random).submission(roundId, Live.answers(mine, 1 + random.nextInt(5))));
            }
        }
        assertEquals(ANSWERS, submissions.size(), "eligible demo employees with a ballot");

        Faults.kill9("kafka");
        long outageEnd = System.nanoTime() + OUTAGE.toNanos();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long maxWaiting = 0;
        long pause = OUTAGE.toMillis() * 3 / 4 / ANSWERS; // spread the answers over the first three quarters of the outage
        for (String body : submissions) {
            long t0 = System.nanoTime();
            statuses.merge(Live.call("POST", Live.GATEWAY + "/api/responses", null, body).statusCode(), 1, Integer::sum);
            maxWaiting = Math.max(maxWaiting, waiting(roundId));
            Faults.sleep(Math.max(0, pause - (System.nanoTime() - t0) / 1_000_000));
        }
        long waitingAtEnd = waiting(roundId);
        Faults.sleep(Math.max(0, (outageEnd - System.nanoTime()) / 1_000_000));
        long countedDuringOutage = Faults.counted(rounds);
        Faults.restart("kafka");

        long drainStart = System.nanoTime();
        long drainDeadline = drainStart + Duration.ofMinutes(3).toNanos();
        long left = waiting(roundId);
        long counted = Faults.counted(rounds);
        while (System.nanoTime() < drainDeadline && (left != 0 || counted < ANSWERS)) {
            Faults.sleep(1000);
            left = waiting(roundId);
            counted = Faults.counted(rounds);
        }
        double drained = (System.nanoTime() - drainStart) / 1e9;
        long stored = Faults.stored(rounds);
        Live.closeRound(roundId);
        System.out.printf("kafka outage: %d s down; answers sent %d, statuses %s; outbox max %d, at end of sending %d; "
                + "counted during outage %d; after restart: outbox %d, stored %d, counted %d in %.1f s%n", OUTAGE.toSeconds(),
                ANSWERS, statuses, maxWaiting, waitingAtEnd, countedDuringOutage, left, stored, counted, drained);

        assertEquals(Map.of(202, ANSWERS), statuses, "intake keeps accepting while Kafka is down");
        assertTrue(waitingAtEnd > 0, "the accepted answers wait in the outbox while Kafka is down");
        assertEquals(0, left, "the outbox drained after Kafka came back");
        assertEquals(ANSWERS, stored, "stored");
        assertEquals(ANSWERS, counted, "every accepted answer counted exactly once");
    }

    /** Responses of the round still in survey-service's outbox; -1 if PostgreSQL cannot say. */
    private static long waiting(String roundId) {
        return Faults.sum("select count(*) from response_outbox where round_id = ?", List.of(roundId), true);
    }
}
