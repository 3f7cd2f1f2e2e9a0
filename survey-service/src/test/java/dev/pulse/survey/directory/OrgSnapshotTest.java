package dev.pulse.survey.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrgSnapshotTest {
    private final OrgSnapshot org = new OrgSnapshot(List.of(
            new OrgSnapshot.Unit("p", "/production", null),
            new OrgSnapshot.Unit("q", "/production/quality", "p"),
            new OrgSnapshot.Unit("a", "/production/assembly", "p"),
            new OrgSnapshot.Unit("i", "/it", null),
            new OrgSnapshot.Unit("ix", "/itx", null)),
            Map.of("multi", Set.of("i", "q", "a"), "top", Set.of("p"), "none", Set.of(), "outside", Set.of("ix")));

    @Test
    void a_person_in_several_groups_counts_once_in_the_deepest_then_alphabetically_first() {
        assertEquals("a", org.homeUnit("multi", List.of("/production", "/it")).orElseThrow().id());
    }

    @Test
    void only_groups_inside_the_target_count() {
        assertEquals("i", org.homeUnit("multi", List.of("/it")).orElseThrow().id());
        assertEquals("p", org.homeUnit("top", List.of("/production")).orElseThrow().id());
    }

    @Test
    void a_person_in_no_group_or_outside_the_target_is_not_eligible() {
        assertTrue(org.homeUnit("none", List.of("/production")).isEmpty());
        assertTrue(org.homeUnit("unknown", List.of("/production")).isEmpty());
        assertTrue(org.homeUnit("outside", List.of("/it")).isEmpty(), "/itx is not inside /it");
    }
}
