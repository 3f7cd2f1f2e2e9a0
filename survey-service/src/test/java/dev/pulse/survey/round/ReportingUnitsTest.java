package dev.pulse.survey.round;

import static dev.pulse.survey.round.ReportingUnits.ROOT_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.survey.round.ReportingUnits.UnitNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReportingUnitsTest {
    private static final int K = 5;

    @Test
    void units_of_k_or_more_keep_their_own_key() {
        var plan = ReportingUnits.plan(List.of(new UnitNode("a", ROOT_ID, 5), new UnitNode("b", ROOT_ID, 9)), K);
        assertEquals("a", plan.reportingUnitOf().get("a"));
        assertEquals("b", plan.reportingUnitOf().get("b"));
        assertEquals(Map.of("a", 5, "b", 9), plan.pool());
    }

    @Test
    void a_small_unit_with_nobody_to_merge_with_takes_its_smallest_sibling_along() {
        // hr (3) alone under admin: if finance kept its own key, admin's total minus finance would be hr.
        var plan = ReportingUnits.plan(List.of(
                new UnitNode("admin", ROOT_ID, 0), new UnitNode("hr", "admin", 3), new UnitNode("finance", "admin", 8),
                new UnitNode("it", "admin", 6), new UnitNode("prod", ROOT_ID, 20)), K);
        assertEquals("admin", plan.reportingUnitOf().get("hr"));
        assertEquals("admin", plan.reportingUnitOf().get("it"), "the smallest sibling goes along");
        assertEquals("finance", plan.reportingUnitOf().get("finance"));
        assertEquals(Map.of("admin", 9, "finance", 8, "prod", 20), plan.pool());
    }

    @Test
    void a_small_unit_merges_into_a_parent_that_then_reaches_k() {
        var plan = ReportingUnits.plan(List.of(
                new UnitNode("admin", ROOT_ID, 2), new UnitNode("hr", "admin", 3), new UnitNode("finance", "admin", 8)), K);
        assertEquals("admin", plan.reportingUnitOf().get("hr"));
        assertEquals("admin", plan.reportingUnitOf().get("admin"));
        assertEquals(5, plan.pool().get("admin"));
    }

    @Test
    void a_chain_of_small_units_merges_until_the_pool_reaches_k() {
        var plan = ReportingUnits.plan(List.of(
                new UnitNode("a", ROOT_ID, 1), new UnitNode("b", "a", 2), new UnitNode("c", "b", 2),
                new UnitNode("d", ROOT_ID, 7)), K);
        assertEquals("a", plan.reportingUnitOf().get("c"));
        assertEquals("a", plan.reportingUnitOf().get("b"));
        assertEquals(5, plan.pool().get("a"));
    }

    @Test
    void small_top_units_are_pooled_at_the_root_when_together_they_reach_k() {
        var plan = ReportingUnits.plan(List.of(new UnitNode("x", ROOT_ID, 2), new UnitNode("y", ROOT_ID, 3)), K);
        assertEquals(ROOT_ID, plan.reportingUnitOf().get("x"));
        assertEquals(ROOT_ID, plan.reportingUnitOf().get("y"));
        assertEquals(Map.of(ROOT_ID, 5), plan.pool());
    }

    @Test
    void a_target_with_fewer_than_k_people_cannot_open() {
        assertThrows(ReportingUnits.TooFewPeopleException.class,
                () -> ReportingUnits.plan(List.of(new UnitNode("a", ROOT_ID, 2), new UnitNode("b", "a", 2)), K));
        assertThrows(ReportingUnits.TooFewPeopleException.class,
                () -> ReportingUnits.plan(List.of(new UnitNode("a", ROOT_ID, 0)), K));
    }

    @Test
    void every_key_is_shared_by_at_least_k_people_for_random_hierarchies() {
        Random random = new Random(42);
        for (int run = 0; run < 2_000; run++) {
            List<UnitNode> units = new ArrayList<>();
            int n = 1 + random.nextInt(30);
            for (int i = 0; i < n; i++) {
                String parent = i == 0 || random.nextInt(4) == 0 ? ROOT_ID : "u" + random.nextInt(i);
                units.add(new UnitNode("u" + i, parent, random.nextInt(3) == 0 ? 0 : random.nextInt(9)));
            }
            int total = units.stream().mapToInt(UnitNode::eligible).sum();
            if (total < K) {
                assertThrows(ReportingUnits.TooFewPeopleException.class, () -> ReportingUnits.plan(units, K));
                continue;
            }
            var plan = ReportingUnits.plan(units, K);
            Map<String, Integer> people = new java.util.HashMap<>();
            for (UnitNode u : units) {
                String reporting = plan.reportingUnitOf().get(u.id());
                assertTrue(reporting != null, "every unit has a reporting unit");
                if (u.eligible() > 0) {
                    people.merge(reporting, u.eligible(), Integer::sum);
                }
            }
            people.forEach((unit, count) -> assertTrue(count >= K, "key of " + unit + " shared by only " + count));
            assertEquals(people, plan.pool(), "pool sizes are the people who use each key");
            assertEquals(total, plan.pool().values().stream().mapToInt(Integer::intValue).sum(), "nobody lost");
        }
    }
}
