package dev.pulse.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContractJsonTest {

    @Test
    void a_response_round_trips_unchanged() {
        var response = new ResponseSubmitted(1, UUID.randomUUID(), UUID.randomUUID(), "unit-a",
                Map.of("control.1@v1", 4, "roles.2@v1", 1));
        assertEquals(response, ContractJson.decode(ContractJson.encode(response), ResponseSubmitted.class));
    }

    @Test
    void a_round_event_round_trips_with_iso_times() {
        var event = new RoundEvent(1, UUID.randomUUID(), UUID.randomUUID(), 3, RoundEvent.Status.OPEN, 5,
                Instant.parse("2026-11-30T08:00:00Z"), Instant.parse("2026-12-05T08:00:00Z"),
                List.of(new RoundEvent.Unit("g1", "/production", null, 7, "g1")),
                List.of(new RoundEvent.Item("control.1@v1", "control", false)));
        byte[] json = ContractJson.encode(event);
        assertEquals(event, ContractJson.decode(json, RoundEvent.class));
        assertFalse(new String(json, StandardCharsets.UTF_8).contains("1796"), "times are ISO strings, not epoch numbers");
    }

    @Test
    void a_closed_round_carries_its_final_response_count_and_an_event_without_one_reads_as_unknown() {
        var closed = new RoundEvent(1, UUID.randomUUID(), UUID.randomUUID(), 2, RoundEvent.Status.CLOSED, 5,
                Instant.parse("2026-11-30T08:00:00Z"), Instant.parse("2026-12-05T08:00:00Z"),
                List.of(new RoundEvent.Unit("g1", "/production", null, 7, "g1")), List.of(), 42L);
        assertEquals(closed, ContractJson.decode(ContractJson.encode(closed), RoundEvent.class));
        String older = new String(ContractJson.encode(new RoundEvent(1, closed.roundId(), closed.campaignId(), 2,
                RoundEvent.Status.CLOSED, 5, closed.openedAt(), closed.closesAt(), closed.units(), closed.items())),
                StandardCharsets.UTF_8).replace(",\"responses\":null", "");
        assertFalse(older.contains("responses"));
        assertEquals(null, ContractJson.decode(older.getBytes(StandardCharsets.UTF_8), RoundEvent.class).responses());
    }

    @Test
    void the_response_contract_has_no_field_that_could_identify_a_person() {
        // Anonymity: the published record must never grow a field for a person, session, address or time.
        var names = java.util.Arrays.stream(ResponseSubmitted.class.getRecordComponents())
                .map(c -> c.getName()).toList();
        assertEquals(List.of("schemaVersion", "responseId", "roundId", "unitId", "answers"), names);
    }

    @Test
    void unknown_fields_from_a_newer_producer_are_ignored_but_garbage_is_rejected() {
        String newer = "{\"schemaVersion\":2,\"responseId\":\"" + UUID.randomUUID()
                + "\",\"roundId\":\"" + UUID.randomUUID() + "\",\"unitId\":\"u\",\"answers\":{},\"extra\":1}";
        assertEquals("u", ContractJson.decode(newer.getBytes(StandardCharsets.UTF_8), ResponseSubmitted.class).unitId());
        assertThrows(ContractJson.MalformedMessageException.class,
                () -> ContractJson.decode("{not json".getBytes(StandardCharsets.UTF_8), ResponseSubmitted.class));
        assertThrows(ContractJson.MalformedMessageException.class,
                () -> ContractJson.decode("null".getBytes(StandardCharsets.UTF_8), ResponseSubmitted.class));
    }
}
