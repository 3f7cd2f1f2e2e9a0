package dev.pulse.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.contracts.ContractJson;
import dev.pulse.contracts.RoundEvent;
import dev.pulse.contracts.Topics;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** A campaign scheduled a few seconds ahead opens a round by itself, people answer, and it closes by itself. */
class ScheduledRoundIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void a_scheduled_round_opens_and_closes_by_itself_and_both_events_reach_pulse_rounds() throws Exception {
        ZonedDateTime fire = ZonedDateTime.now(BERLIN).plusSeconds(20);
        // Quartz cron with a year: fires exactly once, at that second, in Berlin time.
        String cron = String.format("%d %d %d %d %d ? %d", fire.getSecond(), fire.getMinute(), fire.getHour(),
                fire.getDayOfMonth(), fire.getMonthValue(), fire.getYear());
        String body = "{\"name\":\"Scheduled " + UUID.randomUUID() + "\",\"schedule\":\"" + cron + "\",\"timeZone\":\"Europe/Berlin\","
                + "\"roundDuration\":\"PT30S\",\"units\":[\"/it\",\"/logistics\"],\"itemsPerRound\":5}";
        String campaignId = given().header("Authorization", Stack.bearer("hr")).contentType("application/json").body(body)
                .post(Stack.GATEWAY + "/api/campaigns").then().statusCode(201).extract().path("id");

        String[] roundId = new String[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            roundId[0] = given().header("Authorization", Stack.bearer("hr")).get(Stack.GATEWAY + "/api/campaigns/" + campaignId)
                    .then().statusCode(200).extract().path("openRoundId");
            return roundId[0] != null;
        });

        int answered = 0;
        for (int i = 90; i <= 120 && answered < 2; i++) {
            String user = String.format("emp%03d", i);
            boolean mine = given().header("Authorization", Stack.bearer(user)).get(Stack.GATEWAY + "/api/me/rounds").then()
                    .extract().jsonPath().getList("roundId").contains(roundId[0]);
            if (mine) {
                PulseClientAccess.answer(user, roundId[0]);
                answered++;
            }
        }
        assertEquals(2, answered, "two employees of the target answered");

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() ->
                given().header("Authorization", Stack.bearer("hr")).get(Stack.GATEWAY + "/api/campaigns/" + campaignId)
                        .then().statusCode(200).extract().path("openRoundId") == null);

        List<RoundEvent> events = new ArrayList<>();
        Properties props = new Properties();
        props.put("bootstrap.servers", Stack.KAFKA);
        props.put("group.id", "e2e-rounds-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ROUNDS));
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (System.nanoTime() < deadline && events.stream().noneMatch(e -> e.status() == RoundEvent.Status.CLOSED)) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (roundId[0].equals(record.key())) {
                        events.add(ContractJson.decode(record.value(), RoundEvent.class));
                    }
                }
            }
        }
        assertTrue(events.stream().anyMatch(e -> e.status() == RoundEvent.Status.OPEN), "OPEN event on pulse.rounds");
        RoundEvent closed = events.stream().filter(e -> e.status() == RoundEvent.Status.CLOSED).findFirst().orElse(null);
        assertNotNull(closed, "CLOSED event on pulse.rounds");
        assertTrue(closed.units().stream().anyMatch(u -> u.unitPath().equals("/it") && u.eligible() >= 5),
                "the event carries units with eligible counts");
    }
}
