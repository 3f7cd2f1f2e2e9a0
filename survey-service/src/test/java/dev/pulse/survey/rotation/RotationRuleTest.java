package dev.pulse.survey.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.survey.catalogue.Catalogue;
import dev.pulse.survey.problem.ProblemException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotationRuleTest {
    private static final Catalogue CATALOGUE = Catalogue.load(ItemRotationTest.class.getResourceAsStream("/catalogue/catalogue-v1.json"));
    private static final List<String> FOUR_ANCHORS = List.of("control-1-v1", "security-1-v1", "decisions-1-v1", "voice-1-v1");

    private static String fieldOf(RotationRule.Request request, int itemsPerRound) {
        ProblemException e = assertThrows(ProblemException.class, () -> RotationRule.resolve(request, CATALOGUE, itemsPerRound));
        assertEquals(400, e.problem().status());
        return e.problem().errors().keySet().iterator().next();
    }

    @Test
    void an_omitted_rule_or_omitted_fields_take_the_defaults() {
        assertEquals(new RotationRule(FOUR_ANCHORS, 3), RotationRule.resolve(null, CATALOGUE, 6));
        assertEquals(new RotationRule(FOUR_ANCHORS, 3), RotationRule.resolve(new RotationRule.Request(null, null), CATALOGUE, 6));
        assertEquals(new RotationRule(FOUR_ANCHORS, 2), RotationRule.resolve(new RotationRule.Request(null, 2), CATALOGUE, 6));
        assertEquals(new RotationRule(List.of(), 3), RotationRule.resolve(new RotationRule.Request(List.of(), null), CATALOGUE, 6));
        assertEquals(new RotationRule(FOUR_ANCHORS, 4), RotationRule.resolve(null, CATALOGUE, 5),
                "one rotating question covers the four other dimensions in four rounds, not three");
    }

    @Test
    void unknown_or_repeated_anchor_items_are_refused_naming_the_position() {
        assertEquals("rotation.anchorItems[1]", fieldOf(new RotationRule.Request(List.of("control-1-v1", "nope-9-v1"), 3), 6));
        assertEquals("rotation.anchorItems[0]", fieldOf(new RotationRule.Request(Arrays.asList((String) null), 3), 6));
        assertEquals("rotation.anchorItems[1]", fieldOf(new RotationRule.Request(List.of("control-1-v1", "control-1-v1"), 3), 6));
    }

    @Test
    void more_anchors_than_questions_per_round_are_refused() {
        assertEquals("rotation.anchorItems", fieldOf(new RotationRule.Request(FOUR_ANCHORS, 3), 3));
    }

    @Test
    void a_window_below_one_round_is_refused() {
        assertEquals("rotation.everyDimensionWithin", fieldOf(new RotationRule.Request(null, 0), 6));
        assertEquals("rotation.everyDimensionWithin", fieldOf(new RotationRule.Request(null, -3), 6));
    }

    @Test
    void a_window_the_rotating_questions_cannot_cover_is_refused_with_the_shortest_possible_one() {
        // 6 questions, 4 anchors: 2 rotate over the 4 other dimensions, so 2 rounds at least.
        ProblemException e = assertThrows(ProblemException.class,
                () -> RotationRule.resolve(new RotationRule.Request(FOUR_ANCHORS, 1), CATALOGUE, 6));
        assertTrue(e.problem().errors().get("rotation.everyDimensionWithin").toString().contains("at least 2 rounds"));
        // Anchors that fill the round leave dimensions never asked, whatever the window.
        assertEquals("rotation.everyDimensionWithin", fieldOf(new RotationRule.Request(FOUR_ANCHORS, 100), 4));
        assertEquals("rotation.anchorItems", fieldOf(new RotationRule.Request(FOUR_ANCHORS, null), 4));
    }

    @Test
    void anchors_that_cover_every_dimension_allow_a_window_of_one_round() {
        List<String> oneEach = CATALOGUE.dimensions().stream()
                .map(d -> CATALOGUE.items().stream().filter(i -> i.dimension().equals(d.id())).findFirst().orElseThrow().id())
                .toList();
        assertEquals(new RotationRule(oneEach, 1), RotationRule.resolve(new RotationRule.Request(oneEach, 1), CATALOGUE, 8));
    }
}
