package dev.pulse.analytics.participation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.analytics.aggregate.RoundAggregates;
import dev.pulse.analytics.disclosure.MinGroupSize;
import dev.pulse.contracts.RoundEvent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParticipationTest {

    static RoundEvent round(List<RoundEvent.Unit> units) {
        return new RoundEvent(1, UUID.randomUUID(), UUID.randomUUID(), 1, RoundEvent.Status.OPEN, 5, null, null, units,
                List.of());
    }

    @Test
    void a_small_team_merged_into_its_parent_counts_as_eligible_there_and_is_not_listed_itself() {
        var units = List.of(new RoundEvent.Unit("prod", "/production", null, 4, "prod"),
                new RoundEvent.Unit("qa", "/production/quality", "prod", 3, "prod"),
                new RoundEvent.Unit("asm", "/production/assembly", "prod", 10, "asm"));
        var rows = Participation.rows(round(units), new RoundAggregates(Map.of("prod", 5L, "asm", 4L), Map.of()),
                new MinGroupSize(5));
        assertEquals(List.of(
                new Participation.Row("prod", "/production", 17, 9, new BigDecimal("0.529")),
                new Participation.Row("asm", "/production/assembly", 10, 4, new BigDecimal("0.400"))), rows);
    }

    @Test
    void a_unit_with_fewer_than_k_eligible_is_not_listed_even_if_everyone_answered() {
        var units = List.of(new RoundEvent.Unit("it", "/it", null, 4, "it"));
        assertEquals(List.of(), Participation.rows(round(units), new RoundAggregates(Map.of("it", 4L), Map.of()),
                new MinGroupSize(5)));
    }

    @Test
    void people_whose_key_belongs_to_a_unit_outside_the_subtree_are_not_counted_as_its_eligible() {
        // /production/planning (3 people) is merged into /production; its child /production/planning/ops
        // (6 people) reports on its own. The planning subtree only holds the 6 people of ops.
        var units = List.of(new RoundEvent.Unit("prod", "/production", null, 5, "prod"),
                new RoundEvent.Unit("plan", "/production/planning", "prod", 3, "prod"),
                new RoundEvent.Unit("ops", "/production/planning/ops", "plan", 6, "ops"));
        var rows = Participation.rows(round(units), new RoundAggregates(Map.of("prod", 6L, "ops", 3L), Map.of()),
                new MinGroupSize(5));
        assertEquals(List.of(
                new Participation.Row("prod", "/production", 14, 9, new BigDecimal("0.643")),
                new Participation.Row("plan", "/production/planning", 6, 3, new BigDecimal("0.500")),
                new Participation.Row("ops", "/production/planning/ops", 6, 3, new BigDecimal("0.500"))), rows);
    }
}
