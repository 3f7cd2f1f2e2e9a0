package dev.pulse.analytics.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.contracts.ResponseSubmitted;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IncrementsTest {

    @Test
    void a_batch_becomes_one_increment_per_unit_and_per_item() {
        UUID round = UUID.randomUUID();
        var increments = Increments.of(List.of(
                new ResponseSubmitted(1, UUID.randomUUID(), round, "a", Map.of("x", 5, "y", 1)),
                new ResponseSubmitted(1, UUID.randomUUID(), round, "a", Map.of("x", 4)),
                new ResponseSubmitted(1, UUID.randomUUID(), round, "b", Map.of("x", 2))));
        assertEquals(Map.of(new Increments.UnitKey(round, "a"), 2L, new Increments.UnitKey(round, "b"), 1L),
                increments.respondents());
        assertEquals(new Histogram(0, 0, 0, 1, 1), increments.answers().get(new Increments.ItemKey(round, "a", "x")));
        assertEquals(new Histogram(1, 0, 0, 0, 0), increments.answers().get(new Increments.ItemKey(round, "a", "y")));
        assertEquals(new Histogram(0, 1, 0, 0, 0), increments.answers().get(new Increments.ItemKey(round, "b", "x")));
        assertEquals(3, increments.answers().size());
    }

    @Test
    void cells_are_written_in_one_stable_order_so_concurrent_batches_cannot_deadlock() {
        UUID round = UUID.randomUUID();
        var increments = Increments.of(List.of(
                new ResponseSubmitted(1, UUID.randomUUID(), round, "c", Map.of("z", 1, "a", 2)),
                new ResponseSubmitted(1, UUID.randomUUID(), round, "a", Map.of("m", 3))));
        assertEquals(List.of("a", "c"), increments.respondents().keySet().stream().map(Increments.UnitKey::unitId).toList());
        assertEquals(List.of("a/m", "c/a", "c/z"), increments.answers().keySet().stream()
                .map(k -> k.unitId() + "/" + k.itemId()).toList());
    }

    @Test
    void nothing_to_count_is_empty() {
        assertTrue(Increments.of(List.of()).isEmpty());
    }
}
