package dev.pulse.analytics.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.analytics.aggregate.Histogram;
import dev.pulse.analytics.aggregate.RoundAggregates;
import dev.pulse.analytics.disclosure.MinGroupSize;
import dev.pulse.contracts.RoundEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoundResultsTest {

    static final MinGroupSize K = new MinGroupSize(5);
    static final UUID ROUND = UUID.randomUUID();
    static final RoundEvent.Item CONTROL = new RoundEvent.Item("control.1@v1", "control", false);
    static final RoundEvent.Item SECURITY_REVERSED = new RoundEvent.Item("security.2@v1", "security", true);

    static RoundEvent round(List<RoundEvent.Unit> units) {
        return new RoundEvent(1, ROUND, UUID.randomUUID(), 1, RoundEvent.Status.CLOSED, 5,
                Instant.parse("2026-01-05T08:00:00Z"), Instant.parse("2026-01-10T08:00:00Z"), units,
                List.of(CONTROL, SECURITY_REVERSED));
    }

    static final List<RoundEvent.Unit> UNITS = List.of(
            new RoundEvent.Unit("prod", "/production", null, 10, "prod"),
            new RoundEvent.Unit("asm", "/production/assembly", "prod", 20, "asm"),
            new RoundEvent.Unit("qa", "/production/quality", "prod", 3, "prod"),
            new RoundEvent.Unit("log", "/logistics", null, 8, "log"));

    /** Raw answers per reporting unit, as the test's independent source of truth. */
    static final Map<String, List<Integer>> CONTROL_ANSWERS = Map.of(
            "prod", List.of(5, 4, 2, 3, 3),
            "asm", List.of(1, 2, 3, 4, 5, 5, 4, 4, 3, 2, 4, 5),
            "log", List.of(4, 4, 4, 4));
    static final Map<String, List<Integer>> SECURITY_ANSWERS = Map.of(
            "prod", List.of(1, 1),
            "asm", List.of(5, 1, 1, 2));
    static final Map<String, Long> RESPONDENTS = Map.of("prod", 5L, "asm", 12L, "log", 4L);

    static RoundAggregates counted() {
        Map<String, Map<String, Histogram>> answers = new HashMap<>();
        CONTROL_ANSWERS.forEach((unit, list) -> answers.computeIfAbsent(unit, u -> new HashMap<>())
                .put(CONTROL.itemId(), histogram(list)));
        SECURITY_ANSWERS.forEach((unit, list) -> answers.computeIfAbsent(unit, u -> new HashMap<>())
                .put(SECURITY_REVERSED.itemId(), histogram(list)));
        return new RoundAggregates(RESPONDENTS, answers);
    }

    static Histogram histogram(List<Integer> answers) {
        return answers.stream().map(Histogram::of).reduce(Histogram.EMPTY, Histogram::plus);
    }

    static ResultsView view(Optional<String> unit) {
        RoundResults results = RoundResults.of(round(UNITS), counted(), K);
        List<String> units = new java.util.ArrayList<>();
        unit.ifPresentOrElse(u -> {
            units.add(u);
            units.addAll(results.tree().children(u));
        }, () -> units.addAll(results.unitsWithData()));
        return results.view(units, Optional.empty());
    }

    static Map<String, ResultsView.UnitCell> byId(ResultsView view) {
        Map<String, ResultsView.UnitCell> map = new HashMap<>();
        view.units().forEach(u -> map.put(u.unitId(), u));
        return map;
    }

    @Test
    void a_department_total_includes_its_teams_and_the_members_merged_into_it() {
        var prod = assertInstanceOf(ResultsView.VisibleUnit.class, byId(view(Optional.of("prod"))).get("prod"));
        assertEquals(17, prod.n());
        var control = assertInstanceOf(ResultsView.VisibleItem.class, prod.items().get(0));
        assertEquals(17, control.n());
    }

    @Test
    void numbers_match_an_independent_computation_from_the_raw_answers() {
        var asm = assertInstanceOf(ResultsView.VisibleUnit.class, byId(view(Optional.of("prod"))).get("asm"));
        assertEquals(12, asm.n());
        List<Integer> raw = CONTROL_ANSWERS.get("asm");
        var control = assertInstanceOf(ResultsView.VisibleItem.class, asm.items().get(0));
        assertEquals(raw.size(), control.n());
        assertEquals(mean(raw), control.mean());
        assertEquals(favourable(raw), control.favourable());
        assertEquals(distribution(raw), control.distribution());
    }

    @Test
    void a_reverse_keyed_item_is_reported_on_the_flipped_scale() {
        var prod = assertInstanceOf(ResultsView.VisibleUnit.class, byId(view(Optional.of("prod"))).get("prod"));
        List<Integer> scores = new java.util.ArrayList<>();
        SECURITY_ANSWERS.values().forEach(l -> l.forEach(a -> scores.add(6 - a)));
        var security = assertInstanceOf(ResultsView.VisibleItem.class, prod.items().get(1));
        assertEquals(6, security.n());
        assertEquals(mean(scores), security.mean());
        assertEquals(favourable(scores), security.favourable());
        assertEquals(distribution(scores), security.distribution());
    }

    @Test
    void a_unit_below_k_shows_that_it_is_suppressed_and_nothing_else() throws Exception {
        var view = view(Optional.empty());
        var logistics = assertInstanceOf(ResultsView.SuppressedUnit.class, byId(view).get("log"));
        assertEquals("fewer than 5 respondents", logistics.reason());
        JsonNode json = new ObjectMapper().valueToTree(logistics);
        Set<String> fields = new TreeSet<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("unitId", "unitPath", "suppressed", "reason"), fields);
        json.elements().forEachRemaining(v -> assertEquals(false, v.isNumber(), "no numbers in a suppressed cell"));
    }

    @Test
    void an_item_answered_by_fewer_than_k_is_suppressed_inside_a_visible_unit() throws Exception {
        var asm = assertInstanceOf(ResultsView.VisibleUnit.class, byId(view(Optional.of("asm"))).get("asm"));
        var security = assertInstanceOf(ResultsView.SuppressedItem.class, asm.items().get(1));
        assertEquals("fewer than 5 respondents", security.reason());
        JsonNode json = new ObjectMapper().valueToTree(security);
        Set<String> fields = new TreeSet<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("itemId", "dimension", "suppressed", "reason"), fields);
    }

    @Test
    void asking_for_a_unit_returns_it_and_its_direct_children_even_empty_ones_as_suppressed() {
        var view = view(Optional.of("prod"));
        assertEquals(List.of("prod", "asm", "qa"), view.units().stream().map(ResultsView.UnitCell::unitId).toList());
        assertInstanceOf(ResultsView.SuppressedUnit.class, byId(view).get("qa"));
    }

    @Test
    void without_a_unit_every_unit_that_has_data_is_returned() {
        assertEquals(List.of("log", "prod", "asm"),
                view(Optional.empty()).units().stream().map(ResultsView.UnitCell::unitId).toList());
    }

    @Test
    void the_view_names_the_round_its_status_and_the_k_applied() {
        var view = view(Optional.empty());
        assertEquals(ROUND, view.roundId());
        assertEquals("CLOSED", view.status());
        assertEquals(5, view.minGroupSize());
    }

    @Test
    void a_unit_that_is_not_part_of_the_round_is_refused() {
        var e = assertThrows(dev.pulse.analytics.problem.ProblemException.class, () -> ResultsService.requireVisibleUnit(
                RoundResults.of(round(UNITS), counted(), K), "nope", new dev.pulse.analytics.access.Viewer(true, Set.of(), Set.of())));
        assertEquals(404, e.problem().status());
    }

    @Test
    void responses_for_a_unit_the_round_does_not_list_still_count_as_a_top_unit() {
        var counted = new RoundAggregates(Map.of("ghost", 6L), Map.of());
        var results = RoundResults.of(round(UNITS), counted, K);
        var view = results.view(results.unitsWithData(), Optional.empty());
        var ghost = assertInstanceOf(ResultsView.VisibleUnit.class, view.units().get(0));
        assertEquals("ghost", ghost.unitId());
        assertEquals(6, ghost.n());
    }

    @Test
    void a_dimension_pools_the_scores_of_its_items_after_flipping_each_reverse_keyed_one() {
        RoundEvent.Item control2 = new RoundEvent.Item("control.2@v1", "control", true);
        RoundEvent twoItems = new RoundEvent(1, ROUND, UUID.randomUUID(), 1, RoundEvent.Status.CLOSED, 5, null, null,
                UNITS, List.of(CONTROL, control2));
        List<Integer> first = List.of(5, 4, 4, 2, 1);
        List<Integer> second = List.of(1, 1, 2, 5, 3);
        var counted = new RoundAggregates(Map.of("log", 5L),
                Map.of("log", Map.of(CONTROL.itemId(), histogram(first), control2.itemId(), histogram(second))));
        var results = RoundResults.of(twoItems, counted, K);
        List<Integer> scores = new java.util.ArrayList<>(first);
        second.forEach(a -> scores.add(6 - a));
        var dimension = results.dimension("log", "control").orElseThrow();
        assertEquals(10, dimension.n());
        assertEquals(mean(scores), dimension.mean());
        assertEquals(favourable(scores), dimension.favourable());
        assertEquals(distribution(scores), dimension.distribution().asMap());
    }

    @Test
    void a_dimension_is_suppressed_when_any_of_its_items_is() {
        var results = RoundResults.of(round(UNITS), counted(), K);
        assertTrue(results.dimension("asm", "control").isPresent());
        assertTrue(results.dimension("asm", "security").isEmpty(), "security.2 has only 4 answers in assembly");
        var asm = assertInstanceOf(ResultsView.VisibleUnit.class, byId(view(Optional.of("asm"))).get("asm"));
        assertInstanceOf(ResultsView.SuppressedDimension.class, asm.dimensions().get(1));
    }

    @Test
    void the_delta_compares_a_cell_with_the_same_cell_of_the_previous_round_when_both_are_shown() {
        var now = RoundResults.of(round(UNITS), counted(), K);
        var before = RoundResults.of(round(UNITS), new RoundAggregates(Map.of("asm", 5L),
                Map.of("asm", Map.of(CONTROL.itemId(), histogram(List.of(3, 3, 3, 3, 3)),
                        SECURITY_REVERSED.itemId(), histogram(List.of(1, 2, 3))))), K);
        var asm = assertInstanceOf(ResultsView.VisibleUnit.class,
                now.view(List.of("asm", "prod"), Optional.of(before)).units().get(0));
        var control = assertInstanceOf(ResultsView.VisibleItem.class, asm.items().get(0));
        assertEquals(mean(CONTROL_ANSWERS.get("asm")).subtract(new BigDecimal("3.00")), control.delta());
        var controlDimension = assertInstanceOf(ResultsView.VisibleDimension.class, asm.dimensions().get(0));
        assertEquals(control.delta(), controlDimension.delta());
        var prod = assertInstanceOf(ResultsView.VisibleUnit.class,
                now.view(List.of("asm", "prod"), Optional.of(before)).units().get(1));
        List<Integer> prodControl = new java.util.ArrayList<>(CONTROL_ANSWERS.get("prod"));
        prodControl.addAll(CONTROL_ANSWERS.get("asm"));
        assertEquals(mean(prodControl).subtract(new BigDecimal("3.00")),
                assertInstanceOf(ResultsView.VisibleItem.class, prod.items().get(0)).delta());
        assertEquals(null, assertInstanceOf(ResultsView.VisibleItem.class, prod.items().get(1)).delta(),
                "no delta against a suppressed cell");
    }

    @Test
    void a_team_is_hidden_too_when_its_department_minus_it_would_reveal_the_departments_few_own_members() {
        // production has 2 own respondents, assembly 10, maintenance 8: 20 - 10 - 8 = 2 would be exposed
        var units = List.of(new RoundEvent.Unit("prod", "/production", null, 3, "prod"),
                new RoundEvent.Unit("asm", "/production/assembly", "prod", 12, "asm"),
                new RoundEvent.Unit("mnt", "/production/maintenance", "prod", 9, "mnt"));
        var counted = new RoundAggregates(Map.of("prod", 2L, "asm", 10L, "mnt", 8L), Map.of());
        var results = RoundResults.of(round(units), counted, K);
        assertTrue(results.isShown("prod"));
        assertTrue(results.isShown("asm"));
        assertFalse(results.isShown("mnt"));
        var mnt = assertInstanceOf(ResultsView.SuppressedUnit.class,
                results.view(List.of("mnt"), Optional.empty()).units().get(0));
        assertEquals("hidden so that a group of fewer than 5 respondents cannot be worked out from other cells",
                mnt.reason());
    }

    @Test
    void item_cells_get_the_same_protection_against_differencing_as_units() {
        // every respondent of prod's subtree answered control except the 2 own members of production:
        // production control n = 18 = assembly 10 + maintenance 8 -> fine; security: own 3, asm 10, mnt 6
        RoundEvent.Item security = new RoundEvent.Item("security.1@v1", "security", false);
        var units = List.of(new RoundEvent.Unit("prod", "/production", null, 3, "prod"),
                new RoundEvent.Unit("asm", "/production/assembly", "prod", 12, "asm"),
                new RoundEvent.Unit("mnt", "/production/maintenance", "prod", 9, "mnt"));
        RoundEvent r = new RoundEvent(1, ROUND, UUID.randomUUID(), 1, RoundEvent.Status.CLOSED, 5, null, null, units,
                List.of(security));
        var counted = new RoundAggregates(Map.of("prod", 5L, "asm", 10L, "mnt", 8L), Map.of(
                "prod", Map.of(security.itemId(), histogram(List.of(1, 2, 3))),
                "asm", Map.of(security.itemId(), histogram(List.of(1, 2, 3, 4, 5, 1, 2, 3, 4, 5))),
                "mnt", Map.of(security.itemId(), histogram(List.of(5, 5, 5, 5, 5, 5)))));
        var results = RoundResults.of(r, counted, K);
        assertTrue(results.isShown("mnt"), "the unit cell itself is fine: 23 - 10 - 8 = 5");
        assertTrue(results.item("prod", security.itemId()).isPresent());
        assertTrue(results.item("asm", security.itemId()).isPresent());
        assertTrue(results.item("mnt", security.itemId()).isEmpty(), "19 - 10 - 6 = 3 answers would be exposed");
    }

    static BigDecimal mean(List<Integer> scores) {
        int sum = scores.stream().mapToInt(Integer::intValue).sum();
        return new BigDecimal(sum).divide(new BigDecimal(scores.size()), 2, RoundingMode.HALF_UP);
    }

    static BigDecimal favourable(List<Integer> scores) {
        long fav = scores.stream().filter(s -> s >= 4).count();
        return new BigDecimal(fav).divide(new BigDecimal(scores.size()), 3, RoundingMode.HALF_UP);
    }

    static Map<String, Long> distribution(List<Integer> scores) {
        Map<String, Long> d = new HashMap<>();
        for (int v = 1; v <= 5; v++) {
            int value = v;
            d.put(String.valueOf(v), scores.stream().filter(s -> s == value).count());
        }
        return d;
    }
}
