package dev.pulse.analytics.round;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.analytics.support.Messages;
import dev.pulse.contracts.ContractJson;
import dev.pulse.contracts.RoundEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RoundsConsumerTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    RoundStore rounds;

    static final List<RoundEvent.Unit> UNITS = List.of(
            new RoundEvent.Unit("g-prod", "/production", null, 12, "g-prod"),
            new RoundEvent.Unit("g-qa", "/production/quality", "g-prod", 3, "g-prod"));
    static final List<RoundEvent.Item> ITEMS = List.of(
            new RoundEvent.Item("control.1@v1", "control", false),
            new RoundEvent.Item("security.2@v1", "security", true));

    @Test
    void the_latest_round_event_replaces_the_round_with_its_units_and_items() {
        UUID roundId = UUID.randomUUID();
        UUID campaignId = UUID.randomUUID();
        RoundEvent opened = Messages.round(roundId, campaignId, 2, RoundEvent.Status.OPEN, UNITS, ITEMS);
        connector.source(RoundsConsumer.CHANNEL).send(ContractJson.encode(opened));
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.find(roundId).isPresent());
        assertEquals(opened, rounds.find(roundId).orElseThrow());

        RoundEvent closed = Messages.round(roundId, campaignId, 2, RoundEvent.Status.CLOSED, UNITS.subList(0, 1),
                ITEMS.subList(1, 2));
        connector.source(RoundsConsumer.CHANNEL).send(ContractJson.encode(closed));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> rounds.find(roundId).orElseThrow().status() == RoundEvent.Status.CLOSED);
        assertEquals(closed, rounds.find(roundId).orElseThrow());
        assertEquals(List.of(closed), rounds.findByCampaign(campaignId));
    }

    @Test
    void an_unreadable_round_event_is_skipped_and_later_events_still_arrive() {
        UUID roundId = UUID.randomUUID();
        connector.source(RoundsConsumer.CHANNEL).send("{oops".getBytes(StandardCharsets.UTF_8));
        connector.source(RoundsConsumer.CHANNEL).send("{\"roundId\":null}".getBytes(StandardCharsets.UTF_8));
        connector.source(RoundsConsumer.CHANNEL).send(ContractJson.encode(
                Messages.round(roundId, UUID.randomUUID(), 1, RoundEvent.Status.OPEN, UNITS, ITEMS)));
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.find(roundId).isPresent());
    }
}
