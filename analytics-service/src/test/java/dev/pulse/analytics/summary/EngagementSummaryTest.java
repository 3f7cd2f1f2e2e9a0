package dev.pulse.analytics.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.analytics.access.Viewer;
import dev.pulse.analytics.aggregate.Histogram;
import dev.pulse.analytics.aggregate.RoundAggregates;
import dev.pulse.analytics.disclosure.MinGroupSize;
import dev.pulse.analytics.results.ResultsView;
import dev.pulse.analytics.results.RoundResults;
import dev.pulse.contracts.RoundEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The engagement summary: ranking rules, and that it is built only from cells the disclosure rule shows. Expected
 * numbers are computed here from the raw answers or from the public results view, not by the summary's code.
 */
class EngagementSummaryTest {

    static final MinGroupSize K = new MinGroupSize(5);
    static final RoundEvent.Item CONTROL = new RoundEvent.Item("control.1@v1", "control", false);
    static final RoundEvent.Item SECURITY = new RoundEvent.Item("security.2@v1", "security", true);
    static final RoundEvent.Item VOICE = new RoundEvent.Item("voice.1@v1", "voice", false);

    static final List<RoundEvent.Unit> UNITS = List.of(
            new RoundEvent.Unit("prod", "/production", null, 10, "prod"),
            new RoundEvent.Unit("asm", "/production/assembly", "prod", 12, "asm"),
            new RoundEvent.Unit("maint", "/production/maintenance", "prod", 8, "maint"),
            new RoundEvent.Unit("log", "/logistics", null, 6, "log"));

    static final Viewer HR = new Viewer(true, Set.of(), Set.of());

    static Viewer manager(String... paths) {
        return new Viewer(false, Set.of(paths), Set.of());
    }

    /** A round's raw answers: per reporting unit, one map per respondent. */
    static final class Answers {
        final Map<String, List<Map<String, Integer>>> byUnit = new HashMap<>();

        Answers add(String unit, int times, Map<String, Integer> answers) {
            for (int i = 0; i < times; i++) {
                byUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(answers);
            }
            return this;
        }

        RoundAggregates aggregates() {
            Map<String, Long> respondents = new HashMap<>();
            Map<String, Map<String, Histogram>> answers = new HashMap<>();
            byUnit.forEach((unit, list) -> {
                respondents.put(unit, (long) list.size());
                list.forEach(a -> a.forEach((item, value) -> answers.computeIfAbsent(unit, u -> new HashMap<>())
                        .merge(item, Histogram.of(value), Histogram::plus)));
            });
            return new RoundAggregates(respondents, answers);
        }

        /** Scores (reverse-keyed flipped) of an item over the given reporting units. */
        List<Integer> scores(RoundEvent.Item item, String... units) {
            List<Integer> scores = new ArrayList<>();
            for (String unit : units) {
                for (Map<String, Integer> a : byUnit.getOrDefault(unit, List.of())) {
                    Integer v = a.get(item.itemId());
                    if (v != null) {
                        scores.add(item.reverse() ? 6 - v : v);
                    }
                }
            }
            return scores;
        }
    }

    static RoundResults results(int sequence, List<RoundEvent.Item> items, Answers answers) {
        RoundEvent round = new RoundEvent(1, UUID.nameUUIDFromBytes(("r" + sequence).getBytes()), UUID.randomUUID(),
                sequence, RoundEvent.Status.CLOSED, 5, Instant.parse("2026-01-05T08:00:00Z"),
                Instant.parse("2026-01-10T08:00:00Z"), UNITS, items);
        return RoundResults.of(round, answers.aggregates(), K);
    }

    static BigDecimal mean(List<Integer> scores) {
        return BigDecimal.valueOf(scores.stream().mapToInt(Integer::intValue).sum())
                .divide(BigDecimal.valueOf(scores.size()), 2, RoundingMode.HALF_UP);
    }

    static BigDecimal favourable(List<Integer> scores) {
        return BigDecimal.valueOf(scores.stream().filter(s -> s >= 4).count())
                .divide(BigDecimal.valueOf(scores.size()), 3, RoundingMode.HALF_UP);
    }

    /**
     * Assembly 6, maintenance 5, production's own members 5 (every cell of production shown), logistics 4
     * (suppressed). Security is answered by 3 in assembly and 2 of production's own: only production's cell of it
     * reaches k.
     */
    static Answers current() {
        return new Answers()
                .add("asm", 3, Map.of(CONTROL.itemId(), 2, SECURITY.itemId(), 4, VOICE.itemId(), 4))
                .add("asm", 3, Map.of(CONTROL.itemId(), 3, VOICE.itemId(), 5))
                .add("maint", 5, Map.of(CONTROL.itemId(), 4, VOICE.itemId(), 3))
                .add("prod", 2, Map.of(CONTROL.itemId(), 5, SECURITY.itemId(), 1, VOICE.itemId(), 1))
                .add("prod", 3, Map.of(CONTROL.itemId(), 5, VOICE.itemId(), 1))
                .add("log", 4, Map.of(CONTROL.itemId(), 1, VOICE.itemId(), 1));
    }

    static SummaryView.ItemEntry find(List<SummaryView.ItemEntry> items, RoundEvent.Item item) {
        return items.stream().filter(i -> i.itemId().equals(item.itemId())).findFirst().orElseThrow();
    }

    static SummaryView.ItemEntry entry(String id, String mean, String favourable) {
        return new SummaryView.ItemEntry(id, "d", 10, new BigDecimal(mean), new BigDecimal(favourable), null);
    }

    static List<String> ids(List<SummaryView.ItemEntry> items) {
        return items.stream().map(SummaryView.ItemEntry::itemId).toList();
    }

    @Test
    void the_weakest_are_the_three_lowest_means_and_the_strongest_the_three_highest_never_the_same_item() {
        List<SummaryView.ItemEntry> items = List.of(entry("a", "3.10", "0.400"), entry("b", "2.00", "0.100"),
                entry("c", "4.50", "0.900"), entry("d", "2.50", "0.200"), entry("e", "3.90", "0.700"),
                entry("f", "2.50", "0.300"), entry("g", "4.50", "0.800"), entry("h", "3.00", "0.350"));
        assertEquals(List.of("b", "d", "f"), ids(EngagementSummary.weakest(items)), "a tie goes to the less favourable");
        assertEquals(List.of("c", "g", "e"), ids(EngagementSummary.strongest(items)), "a tie goes to the more favourable");
    }

    @Test
    void with_fewer_than_six_items_the_two_lists_split_them_between_them() {
        List<SummaryView.ItemEntry> all = List.of(entry("a", "1.00", "0"), entry("b", "2.00", "0"),
                entry("c", "3.00", "0"), entry("d", "4.00", "0"), entry("e", "5.00", "1"));
        assertEquals(List.of("a", "b", "c"), ids(EngagementSummary.weakest(all)));
        assertEquals(List.of("e", "d"), ids(EngagementSummary.strongest(all)));
        assertEquals(List.of("a", "b"), ids(EngagementSummary.weakest(all.subList(0, 4))));
        assertEquals(List.of("d", "c"), ids(EngagementSummary.strongest(all.subList(0, 4))));
        assertEquals(List.of("a"), ids(EngagementSummary.weakest(all.subList(0, 1))));
        assertEquals(List.of(), ids(EngagementSummary.strongest(all.subList(0, 1))));
        assertEquals(List.of(), EngagementSummary.weakest(List.of()));
        assertEquals(List.of(), EngagementSummary.strongest(List.of()));
    }

    static SummaryView.Mover move(String unit, String dimension, String delta) {
        return new SummaryView.Mover(unit, "/" + unit, dimension, 10, BigDecimal.ONE, BigDecimal.ONE, new BigDecimal(delta));
    }

    @Test
    void movers_are_each_units_biggest_change_biggest_first_and_at_most_five() {
        List<SummaryView.Mover> moves = List.of(move("a", "control", "0.40"), move("a", "voice", "-0.90"),
                move("b", "control", "0.10"), move("c", "control", "0.00"), move("d", "roles", "0.70"),
                move("e", "roles", "-0.70"), move("f", "usage", "0.20"), move("g", "usage", "0.30"),
                move("h", "usage", "0.05"));
        List<SummaryView.Mover> movers = EngagementSummary.movers(moves);
        assertEquals(List.of("a", "d", "e", "g", "f"), movers.stream().map(SummaryView.Mover::unitId).toList());
        assertEquals("voice", movers.get(0).dimension());
        assertEquals(new BigDecimal("-0.90"), movers.get(0).delta());
    }

    @Test
    void a_unit_that_did_not_move_is_no_mover() {
        assertEquals(List.of(), EngagementSummary.movers(List.of(move("c", "control", "0.00"))));
    }

    @Test
    void hr_sees_each_item_over_the_organisation_without_the_suppressed_units_in_it() {
        Answers answers = current();
        SummaryView summary = EngagementSummary.of(results(1, List.of(CONTROL, VOICE), answers), Optional.empty(), HR::maySee);
        List<SummaryView.ItemEntry> items = new ArrayList<>(summary.weakest());
        items.addAll(summary.strongest());
        SummaryView.ItemEntry control = find(items, CONTROL);
        // logistics (4 respondents) is suppressed: production's cell is all that may be shown of the organisation.
        List<Integer> production = answers.scores(CONTROL, "prod", "asm", "maint");
        assertEquals(production.size(), control.n());
        assertEquals(mean(production), control.mean());
        assertEquals(favourable(production), control.favourable());
        assertNull(control.delta());
    }

    @Test
    void an_item_answered_by_fewer_than_k_anywhere_is_in_no_list() {
        Answers answers = current();
        assertEquals(5, EngagementSummary.itemEntries(results(1, List.of(CONTROL, SECURITY, VOICE), answers),
                Optional.empty(), HR::maySee).get(1).n(), "security is shown for production as a whole");
        // Without production's own two answers no cell of security reaches k.
        answers.byUnit.remove("prod");
        answers.add("prod", 5, Map.of(CONTROL.itemId(), 5, VOICE.itemId(), 1));
        SummaryView summary = EngagementSummary.of(results(1, List.of(CONTROL, SECURITY, VOICE), answers),
                Optional.empty(), HR::maySee);
        assertFalse(ids(summary.weakest()).contains(SECURITY.itemId()));
        assertFalse(ids(summary.strongest()).contains(SECURITY.itemId()));
        assertEquals(2, summary.weakest().size() + summary.strongest().size());
    }

    @Test
    void a_manager_sees_each_item_over_their_subtree_only() {
        Answers answers = current();
        SummaryView.ItemEntry voice = find(EngagementSummary.itemEntries(results(1, List.of(CONTROL, VOICE), answers),
                Optional.empty(), manager("/production/assembly")::maySee), VOICE);
        List<Integer> assembly = answers.scores(VOICE, "asm");
        assertEquals(assembly.size(), voice.n());
        assertEquals(mean(assembly), voice.mean());
    }

    @Test
    void below_a_unit_outside_the_area_the_shown_cells_of_the_area_are_pooled_and_counted_once() {
        Answers answers = current();
        RoundResults round = results(1, List.of(CONTROL, VOICE), answers);
        assertEquals(List.of("asm", "maint"), EngagementSummary.largestShownCells(round, CONTROL.itemId(),
                manager("/production/assembly", "/production/maintenance")::maySee));
        assertEquals(List.of("prod"), EngagementSummary.largestShownCells(round, CONTROL.itemId(), HR::maySee),
                "production's teams are inside its cell, logistics is suppressed");
        SummaryView.ItemEntry control = EngagementSummary.itemEntries(round, Optional.empty(),
                manager("/production/assembly", "/production/maintenance")::maySee).get(0);
        List<Integer> teams = answers.scores(CONTROL, "asm", "maint");
        assertEquals(teams.size(), control.n());
        assertEquals(mean(teams), control.mean());
    }

    @Test
    void an_items_delta_compares_the_same_cells_and_only_if_the_previous_round_showed_all_of_them() {
        // Before: production's control cell (11 answers) is shown, its voice cell (4 answers) is not.
        Answers before = new Answers()
                .add("asm", 4, Map.of(CONTROL.itemId(), 4, VOICE.itemId(), 2))
                .add("asm", 2, Map.of(CONTROL.itemId(), 4))
                .add("maint", 5, Map.of(CONTROL.itemId(), 4));
        RoundResults previous = results(1, List.of(CONTROL, VOICE), before);
        Answers now = current();
        List<SummaryView.ItemEntry> items = EngagementSummary.itemEntries(results(2, List.of(CONTROL, VOICE), now),
                Optional.of(previous), HR::maySee);
        BigDecimal controlBefore = mean(before.scores(CONTROL, "prod", "asm", "maint"));
        assertEquals(mean(now.scores(CONTROL, "prod", "asm", "maint")).subtract(controlBefore), find(items, CONTROL).delta());
        assertNull(find(items, VOICE).delta(), "production's voice cell was suppressed before");
    }

    @Test
    void there_is_no_delta_for_an_item_the_previous_round_did_not_ask() {
        RoundResults previous = results(1, List.of(CONTROL), current());
        List<SummaryView.ItemEntry> items = EngagementSummary.itemEntries(results(2, List.of(CONTROL, VOICE), current()),
                Optional.of(previous), HR::maySee);
        assertNotNull(items.get(0).delta());
        assertEquals(0, items.get(0).delta().signum());
        assertNull(items.get(1).delta());
    }

    @Test
    void a_unit_suppressed_in_either_round_never_moves_and_one_shown_in_both_does() {
        Answers before = new Answers()
                .add("asm", 4, Map.of(CONTROL.itemId(), 1, VOICE.itemId(), 1))
                .add("maint", 5, Map.of(CONTROL.itemId(), 1, VOICE.itemId(), 3))
                .add("prod", 5, Map.of(CONTROL.itemId(), 3, VOICE.itemId(), 3))
                .add("log", 6, Map.of(CONTROL.itemId(), 5, VOICE.itemId(), 5));
        RoundResults previous = results(1, List.of(CONTROL, VOICE), before);
        Answers now = current();
        SummaryView summary = EngagementSummary.of(results(2, List.of(CONTROL, VOICE), now), Optional.of(previous),
                HR::maySee);
        List<String> movers = summary.movers().stream().map(SummaryView.Mover::unitId).toList();
        assertFalse(movers.contains("asm"), "assembly had 4 respondents before");
        assertFalse(movers.contains("log"), "logistics has 4 respondents now");
        SummaryView.Mover maintenance = summary.movers().stream().filter(m -> m.unitId().equals("maint")).findFirst()
                .orElseThrow();
        assertEquals("control", maintenance.dimension(), "control moved 1 → 4, voice did not move");
        assertEquals(mean(now.scores(CONTROL, "maint")), maintenance.mean());
        assertEquals(mean(before.scores(CONTROL, "maint")), maintenance.previousMean());
        assertEquals(new BigDecimal("3.00"), maintenance.delta());
        assertEquals(previous.round().roundId(), summary.previousRoundId());
    }

    @Test
    void without_a_previous_round_there_are_no_movers_and_no_deltas() {
        SummaryView summary = EngagementSummary.of(results(1, List.of(CONTROL, VOICE), current()), Optional.empty(),
                HR::maySee);
        assertEquals(List.of(), summary.movers());
        assertNull(summary.previousRoundId());
        summary.weakest().forEach(i -> assertNull(i.delta()));
    }

    /**
     * Over random organisations and answers: every figure of the summary can be computed from the results HR
     * already sees (the public view), and an item with no shown cell never appears.
     */
    @Test
    void every_number_in_the_summary_can_be_worked_out_from_the_shown_results_alone() {
        Random random = new Random(20261130L);
        List<RoundEvent.Item> items = List.of(CONTROL, SECURITY, VOICE, new RoundEvent.Item("roles.1@v1", "roles", false),
                new RoundEvent.Item("roles.2@v1", "roles", true), new RoundEvent.Item("usage.1@v1", "usage", false),
                new RoundEvent.Item("picture.1@v1", "picture", false));
        for (int trial = 0; trial < 400; trial++) {
            List<RoundEvent.Unit> units = randomUnits(random);
            RoundResults previous = randomRound(random, units, items, 1);
            RoundResults round = randomRound(random, units, items, 2);
            for (Viewer viewer : List.of(HR, manager(units.get(random.nextInt(units.size())).unitPath()))) {
                SummaryView summary = EngagementSummary.of(round, Optional.of(previous), viewer::maySee);
                ResultsView shown = round.view(round.unitsWithData(), Optional.of(previous));
                ResultsView shownBefore = previous.view(previous.unitsWithData(), Optional.empty());
                List<SummaryView.ItemEntry> listed = new ArrayList<>(summary.weakest());
                listed.addAll(summary.strongest());
                for (SummaryView.ItemEntry entry : listed) {
                    Histogram pooled = Histogram.EMPTY;
                    for (String unit : largestVisible(round, shown, entry.itemId(), viewer)) {
                        pooled = pooled.plus(distribution(visibleItem(shown, unit, entry.itemId()).orElseThrow()));
                    }
                    assertTrue(pooled.n() > 0, "trial " + trial + ": " + entry.itemId() + " has no shown cell");
                    assertEquals(pooled.n(), entry.n(), "trial " + trial);
                    assertEquals(BigDecimal.valueOf(pooled.sum()).divide(BigDecimal.valueOf(pooled.n()), 2,
                            RoundingMode.HALF_UP), entry.mean(), "trial " + trial);
                }
                for (SummaryView.Mover mover : summary.movers()) {
                    assertTrue(viewer.maySee(round.tree().unit(mover.unitId())));
                    assertEquals(mover.mean(), visibleDimension(shown, mover.unitId(), mover.dimension()).orElseThrow().mean());
                    assertEquals(mover.previousMean(),
                            visibleDimension(shownBefore, mover.unitId(), mover.dimension()).orElseThrow().mean());
                }
            }
        }
    }

    private static List<RoundEvent.Unit> randomUnits(Random random) {
        int size = 1 + random.nextInt(9);
        List<RoundEvent.Unit> units = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            RoundEvent.Unit parent = i == 0 || random.nextInt(4) == 0 ? null : units.get(random.nextInt(i));
            String path = (parent == null ? "" : parent.unitPath()) + "/u" + i;
            units.add(new RoundEvent.Unit("u" + i, path, parent == null ? null : parent.unitId(), 20, "u" + i));
        }
        return units;
    }

    private static RoundResults randomRound(Random random, List<RoundEvent.Unit> units, List<RoundEvent.Item> items,
                                            int sequence) {
        Answers answers = new Answers();
        for (RoundEvent.Unit unit : units) {
            int people = random.nextInt(9);
            for (int p = 0; p < people; p++) {
                Map<String, Integer> a = new HashMap<>();
                for (RoundEvent.Item item : items) {
                    if (random.nextInt(5) > 0) {
                        a.put(item.itemId(), 1 + random.nextInt(5));
                    }
                }
                answers.add(unit.unitId(), 1, a);
            }
        }
        RoundEvent round = new RoundEvent(1, UUID.randomUUID(), UUID.randomUUID(), sequence, RoundEvent.Status.CLOSED, 5,
                null, null, units, items.subList(0, 3 + random.nextInt(items.size() - 2)));
        return RoundResults.of(round, answers.aggregates(), K);
    }

    /** Independently of the summary's code: the largest cells of the item shown in the public view in the area. */
    private static List<String> largestVisible(RoundResults round, ResultsView shown, String itemId, Viewer viewer) {
        List<String> cells = new ArrayList<>();
        for (String unit : round.tree().preOrder()) {
            boolean covered = cells.stream().anyMatch(c -> round.tree().subtree(c).contains(unit));
            if (!covered && viewer.maySee(round.tree().unit(unit)) && visibleItem(shown, unit, itemId).isPresent()) {
                cells.add(unit);
            }
        }
        return cells;
    }

    private static Optional<ResultsView.VisibleItem> visibleItem(ResultsView view, String unitId, String itemId) {
        return view.units().stream().filter(u -> u.unitId().equals(unitId))
                .filter(ResultsView.VisibleUnit.class::isInstance).map(ResultsView.VisibleUnit.class::cast)
                .flatMap(u -> u.items().stream()).filter(i -> i.itemId().equals(itemId))
                .filter(ResultsView.VisibleItem.class::isInstance).map(ResultsView.VisibleItem.class::cast).findFirst();
    }

    private static Optional<ResultsView.VisibleDimension> visibleDimension(ResultsView view, String unitId, String dim) {
        return view.units().stream().filter(u -> u.unitId().equals(unitId))
                .filter(ResultsView.VisibleUnit.class::isInstance).map(ResultsView.VisibleUnit.class::cast)
                .flatMap(u -> u.dimensions().stream()).filter(d -> d.dimension().equals(dim))
                .filter(ResultsView.VisibleDimension.class::isInstance).map(ResultsView.VisibleDimension.class::cast)
                .findFirst();
    }

    private static Histogram distribution(ResultsView.VisibleItem item) {
        Map<String, Long> d = item.distribution();
        return new Histogram(d.get("1"), d.get("2"), d.get("3"), d.get("4"), d.get("5"));
    }
}
