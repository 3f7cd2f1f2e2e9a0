package dev.pulse.survey.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.survey.catalogue.Catalogue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ItemRotationTest {
    private static final Catalogue CATALOGUE = Catalogue.load(ItemRotationTest.class.getResourceAsStream("/catalogue/catalogue-v1.json"));
    private static final int ROUNDS = 40;
    private static final Set<String> ALL_DIMENSIONS = CATALOGUE.dimensions().stream().map(Catalogue.Dimension::id)
            .collect(Collectors.toSet());

    /** Opens {@code rounds} rounds one after the other, each seeing the items of the ones before. */
    private static List<List<String>> run(RotationRule rule, int itemsPerRound, List<List<String>> before, int rounds) {
        List<List<String>> history = new ArrayList<>(before);
        for (int r = 0; r < rounds; r++) {
            List<String> items = ItemRotation.itemsForRound(CATALOGUE, rule, itemsPerRound, history).stream()
                    .map(Catalogue.Item::id).toList();
            assertEquals(items, ItemRotation.itemsForRound(CATALOGUE, rule, itemsPerRound, List.copyOf(history)).stream()
                    .map(Catalogue.Item::id).toList(), "deterministic");
            history.add(items);
        }
        return history.subList(before.size(), history.size());
    }

    /** Checks the whole rule on a sequence of rounds opened under it. */
    private static void assertKept(RotationRule rule, int itemsPerRound, List<List<String>> rounds) {
        String what = rule + " with " + itemsPerRound + " per round";
        for (List<String> round : rounds) {
            assertEquals(itemsPerRound, round.size(), what + ": every round asks itemsPerRound questions");
            assertEquals(round.size(), new HashSet<>(round).size(), what + ": no question twice in a round");
            assertEquals(rule.anchorItems(), round.subList(0, rule.anchorItems().size()), what + ": anchors every round, first");
        }
        int window = rule.everyDimensionWithin();
        for (int start = 0; start + window <= rounds.size(); start++) {
            Set<String> seen = rounds.subList(start, start + window).stream().flatMap(List::stream)
                    .map(id -> CATALOGUE.item(id).orElseThrow().dimension()).collect(Collectors.toSet());
            assertEquals(ALL_DIMENSIONS, seen, what + ": every dimension in rounds " + (start + 1) + ".." + (start + window));
        }
    }

    private static List<String> randomAnchors(Random random, int max) {
        List<String> ids = new ArrayList<>(CATALOGUE.items().stream().map(Catalogue.Item::id).toList());
        java.util.Collections.shuffle(ids, random);
        return ids.subList(0, random.nextInt(max + 1));
    }

    @Test
    void with_eight_questions_the_default_asks_the_four_anchors_every_round_and_every_dimension_at_least_every_third_round() {
        RotationRule rule = RotationRule.defaultFor(CATALOGUE, 8);
        assertEquals(List.of("control-1-v1", "security-1-v1", "decisions-1-v1", "voice-1-v1"), rule.anchorItems());
        assertEquals(3, rule.everyDimensionWithin());
        assertKept(rule, 8, run(rule, 8, List.of(), ROUNDS));
    }

    @Test
    void the_default_rule_is_kept_for_every_number_of_questions_per_round() {
        for (int perRound = 1; perRound <= CATALOGUE.items().size(); perRound++) {
            RotationRule rule = RotationRule.defaultFor(CATALOGUE, perRound);
            assertKept(rule, perRound, run(rule, perRound, List.of(), ROUNDS));
            assertEquals(perRound >= 5 ? 4 : perRound - 1, rule.anchorItems().size(), "the catalogue's anchors, leaving one to rotate");
            assertEquals(perRound == 5 ? 4 : Math.max(3, rule.everyDimensionWithin()), rule.everyDimensionWithin(),
                    "three rounds unless the rotating questions cannot cover the rest that fast");
        }
    }

    @Test
    void every_satisfiable_rule_is_kept_for_random_anchors_windows_and_question_counts() {
        Random random = new Random(4711);
        int checked = 0;
        for (int attempt = 0; attempt < 3_000 && checked < 600; attempt++) {
            int perRound = 1 + random.nextInt(CATALOGUE.items().size());
            List<String> anchors = randomAnchors(random, perRound);
            int shortest = RotationRule.shortestWindow(CATALOGUE, anchors, perRound);
            if (shortest == Integer.MAX_VALUE) {
                continue;
            }
            RotationRule rule = new RotationRule(anchors, shortest + random.nextInt(3));
            assertKept(rule, perRound, run(rule, perRound, List.of(), 25));
            checked++;
        }
        assertTrue(checked >= 600, "enough rules were checked: " + checked);
    }

    @Test
    void the_shortest_possible_window_is_kept_exactly() {
        // 6 questions, the four default anchors: two rotate over the four other dimensions, so every second round.
        RotationRule rule = new RotationRule(RotationRule.defaultFor(CATALOGUE, 6).anchorItems(), 2);
        assertKept(rule, 6, run(rule, 6, List.of(), ROUNDS));
        // No anchors, one question per round: eight rounds for eight dimensions, round-robin.
        RotationRule one = new RotationRule(List.of(), 8);
        assertKept(one, 1, run(one, 1, List.of(), ROUNDS));
        // No anchors, eight questions, every round: one question from each dimension each time.
        RotationRule everyRound = new RotationRule(List.of(), 1);
        assertKept(everyRound, 8, run(everyRound, 8, List.of(), ROUNDS));
    }

    @Test
    void after_hr_changes_the_rule_the_new_window_holds_from_the_first_round_opened_under_it() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            int before = 1 + random.nextInt(CATALOGUE.items().size());
            List<String> oldAnchors = randomAnchors(random, before);
            int oldShortest = RotationRule.shortestWindow(CATALOGUE, oldAnchors, before);
            if (oldShortest == Integer.MAX_VALUE) {
                continue;
            }
            List<List<String>> past = run(new RotationRule(oldAnchors, oldShortest + 5), before, List.of(), 1 + random.nextInt(12));
            int after = 1 + random.nextInt(CATALOGUE.items().size());
            List<String> anchors = randomAnchors(random, after);
            int shortest = RotationRule.shortestWindow(CATALOGUE, anchors, after);
            if (shortest == Integer.MAX_VALUE) {
                continue;
            }
            RotationRule rule = new RotationRule(anchors, shortest);
            assertKept(rule, after, run(rule, after, past, 20));
        }
    }

    @Test
    void every_question_comes_round_when_some_questions_are_free_to_rotate() {
        RotationRule rule = RotationRule.defaultFor(CATALOGUE, 8);
        Set<String> asked = run(rule, 8, List.of(), ROUNDS).stream().flatMap(List::stream).collect(Collectors.toSet());
        assertEquals(CATALOGUE.byId().keySet(), asked, "no question is left out for good");
    }

    @Test
    void the_first_rounds_spread_over_the_dimensions_rather_than_asking_one_topic_twice() {
        List<String> first = ItemRotation.itemsForRound(CATALOGUE, new RotationRule(List.of(), 8), 8, List.of()).stream()
                .map(Catalogue.Item::dimension).toList();
        assertEquals(ALL_DIMENSIONS, new HashSet<>(first));
    }

    @Test
    void questions_of_rounds_from_another_catalogue_version_are_ignored() {
        RotationRule rule = RotationRule.defaultFor(CATALOGUE, 6);
        List<List<String>> past = List.of(List.of("retired-1-v1", "control-1-v1"));
        assertKept(rule, 6, run(rule, 6, past, 10));
    }

    @Test
    void a_rule_that_was_not_validated_for_the_question_count_is_refused() {
        RotationRule tooManyAnchors = new RotationRule(List.of("control-1-v1", "security-1-v1"), 3);
        assertThrows(IllegalArgumentException.class, () -> ItemRotation.itemsForRound(CATALOGUE, tooManyAnchors, 1, List.of()));
        RotationRule tooShort = new RotationRule(List.of(), 1);
        assertThrows(IllegalArgumentException.class, () -> ItemRotation.itemsForRound(CATALOGUE, tooShort, 7, List.of()));
        RotationRule unknown = new RotationRule(List.of("nope-1-v1"), 8);
        assertThrows(IllegalArgumentException.class, () -> ItemRotation.itemsForRound(CATALOGUE, unknown, 6, List.of()));
    }
}
