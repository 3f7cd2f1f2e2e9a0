package dev.pulse.analytics.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
            "prod", List.of(5, 4, 2),
            "asm", List.of(1, 2, 3, 4, 5, 5, 4, 4, 3, 2, 4, 5),
            "log", List.of(4, 4, 4, 4));
    static final Map<String, List<Integer>> SECURITY_ANSWERS = Map.of(
            "prod", List.of(1, 1),
            "asm", List.of(5, 1, 1, 2));
    static final Map<String, Long> RESPONDENTS = Map.of("prod", 3L, "asm", 12L, "log", 4L);

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
        return RoundResults.of(round(UNITS), counted(), K).view(unit);
    }

    static Map<String, ResultsView.UnitCell> byId(ResultsView view) {
        Map<String, ResultsView.UnitCell> map = new HashMap<>();
        view.units().forEach(u -> map.put(u.unitId(), u));
        return map;
    }

    @Test
    void a_department_total_includes_its_teams_and_the_members_merged_into_it() {
        var prod = assertInstanceOf(ResultsView.VisibleUnit.class, byId(view(Optional.of("prod"))).get("prod"));
        assertEquals(15, prod.n());
        var control = assertInstanceOf(ResultsView.VisibleItem.class, prod.items().get(0));
        assertEquals(15, control.n());
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
        assertThrows(IllegalArgumentException.class, () -> view(Optional.of("nope")));
    }

    @Test
    void responses_for_a_unit_the_round_does_not_list_still_count_as_a_top_unit() {
        var counted = new RoundAggregates(Map.of("ghost", 6L), Map.of());
        var view = RoundResults.of(round(UNITS), counted, K).view(Optional.empty());
        var ghost = assertInstanceOf(ResultsView.VisibleUnit.class, view.units().get(0));
        assertEquals("ghost", ghost.unitId());
        assertEquals(6, ghost.n());
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
