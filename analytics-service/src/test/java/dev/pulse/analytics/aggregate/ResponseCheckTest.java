package dev.pulse.analytics.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.pulse.contracts.ContractJson;
import dev.pulse.contracts.ResponseSubmitted;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResponseCheckTest {

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ResponseSubmitted response(Map<String, Integer> answers) {
        return new ResponseSubmitted(1, UUID.randomUUID(), UUID.randomUUID(), "unit-a", answers);
    }

    private static String reason(ResponseCheck.Verdict verdict) {
        return assertInstanceOf(ResponseCheck.Poison.class, verdict).reason();
    }

    @Test
    void a_well_formed_response_with_answers_one_to_five_is_countable() {
        var response = response(Map.of("a", 1, "b", 3, "c", 5));
        var verdict = ResponseCheck.check(ContractJson.encode(response));
        assertEquals(response, assertInstanceOf(ResponseCheck.Countable.class, verdict).response());
    }

    @Test
    void a_response_that_skipped_every_item_still_counts_as_a_respondent() {
        assertInstanceOf(ResponseCheck.Countable.class, ResponseCheck.check(ContractJson.encode(response(Map.of()))));
    }

    @Test
    void an_answer_outside_one_to_five_is_poison() {
        for (int bad : new int[] {0, 6, -1, 42}) {
            assertEquals("invalid-answer", reason(ResponseCheck.check(ContractJson.encode(response(Map.of("a", bad))))));
        }
        Map<String, Integer> withNull = new HashMap<>();
        withNull.put("a", null);
        assertEquals("invalid-answer", reason(ResponseCheck.check(response(withNull))));
    }

    @Test
    void unreadable_or_incomplete_records_are_poison() {
        assertEquals("malformed", reason(ResponseCheck.check(json("{not json"))));
        assertEquals("malformed", reason(ResponseCheck.check(json("null"))));
        assertEquals("malformed", reason(ResponseCheck.check((byte[]) null)));
        assertEquals("malformed", reason(ResponseCheck.check(json("{\"schemaVersion\":1}"))));
        assertEquals("malformed", reason(ResponseCheck.check(json(
                "{\"responseId\":\"" + UUID.randomUUID() + "\",\"roundId\":\"not-a-uuid\",\"unitId\":\"u\",\"answers\":{}}"))));
        assertEquals("malformed", reason(ResponseCheck.check(
                new ResponseSubmitted(1, UUID.randomUUID(), UUID.randomUUID(), " ", Map.of()))));
        assertEquals("malformed", reason(ResponseCheck.check(
                new ResponseSubmitted(1, UUID.randomUUID(), UUID.randomUUID(), "u".repeat(256), Map.of()))));
        assertEquals("malformed", reason(ResponseCheck.check(
                new ResponseSubmitted(1, UUID.randomUUID(), UUID.randomUUID(), "u", null))));
        assertEquals("malformed", reason(ResponseCheck.check(
                new ResponseSubmitted(1, UUID.randomUUID(), UUID.randomUUID(), "u", Map.of("", 3)))));
    }

    @Test
    void a_dead_letter_reason_never_contains_payload_content() {
        String secretish = "{\"responseId\":\"" + UUID.randomUUID() + "\",\"roundId\":\"SECRET\"}";
        String reason = reason(ResponseCheck.check(json(secretish)));
        assertEquals("malformed", reason);
    }
}
