package dev.pulse.analytics.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreTest {

    @Test
    void mean_distribution_and_favourable_follow_from_the_answers() {
        // answers 1, 2, 4, 4, 5, 5, 5
        Score score = Score.of(new Histogram(1, 1, 0, 2, 3), false);
        assertEquals(7, score.n());
        assertEquals(new BigDecimal("3.71"), score.mean()); // 26 / 7 = 3.714…
        assertEquals(new BigDecimal("0.714"), score.favourable()); // 5 / 7
        assertEquals(Map.of("1", 1L, "2", 1L, "3", 0L, "4", 2L, "5", 3L), score.distribution().asMap());
    }

    @Test
    void a_reverse_keyed_item_is_flipped_so_that_higher_is_always_better() {
        // answers 1, 1, 1, 2, 5 to a negatively worded item are scores 5, 5, 5, 4, 1
        Score score = Score.of(new Histogram(3, 1, 0, 0, 1), true);
        assertEquals(new BigDecimal("4.00"), score.mean());
        assertEquals(new BigDecimal("0.800"), score.favourable());
        assertEquals(List.of("1", "2", "3", "4", "5"), List.copyOf(score.distribution().asMap().keySet()));
        assertEquals(Map.of("1", 1L, "2", 0L, "3", 0L, "4", 1L, "5", 3L), score.distribution().asMap());
    }

    @Test
    void every_single_answer_scores_as_itself_or_six_minus_itself_when_reversed() {
        for (int a = 1; a <= 5; a++) {
            assertEquals(BigDecimal.valueOf(a).setScale(2), Score.of(Histogram.of(a), false).mean());
            assertEquals(BigDecimal.valueOf(6 - a).setScale(2), Score.of(Histogram.of(a), true).mean());
            assertEquals(a >= 4, Score.of(Histogram.of(a), false).favourable().signum() > 0);
            assertEquals(6 - a >= 4, Score.of(Histogram.of(a), true).favourable().signum() > 0);
        }
    }

    @Test
    void rounding_is_half_up() {
        // 2 + 3 = 5 / 2 = 2.5 exactly; 1,1,2 = 4/3 = 1.333; 1,2,2 = 5/3 = 1.667
        assertEquals(new BigDecimal("2.50"), Score.of(new Histogram(0, 1, 1, 0, 0), false).mean());
        assertEquals(new BigDecimal("1.33"), Score.of(new Histogram(2, 1, 0, 0, 0), false).mean());
        assertEquals(new BigDecimal("1.67"), Score.of(new Histogram(1, 2, 0, 0, 0), false).mean());
        assertEquals(new BigDecimal("0.667"), Score.of(new Histogram(1, 0, 0, 2, 0), false).favourable());
    }

    @Test
    void there_is_no_score_without_answers() {
        assertThrows(IllegalArgumentException.class, () -> Score.of(Histogram.EMPTY, false));
    }

    @Test
    void histograms_add_up_and_only_one_to_five_are_answers() {
        Histogram h = Histogram.of(1).plus(Histogram.of(5)).plus(Histogram.of(5));
        assertEquals(3, h.n());
        assertEquals(11, h.sum());
        assertEquals(new Histogram(2, 0, 0, 0, 1), h.flipped());
        assertFalse(Histogram.isValidAnswer(0));
        assertFalse(Histogram.isValidAnswer(6));
        assertTrue(Histogram.isValidAnswer(3));
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(6));
        assertThrows(IllegalArgumentException.class, () -> new Histogram(-1, 0, 0, 0, 0));
    }
}
