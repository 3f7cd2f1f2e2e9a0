package dev.pulse.analytics.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DisclosureTest {

    @Test
    void a_cell_is_shown_exactly_when_it_has_at_least_k_respondents_for_every_k_and_n() {
        for (int k = MinGroupSize.LOWEST_ALLOWED; k <= 25; k++) {
            MinGroupSize minGroupSize = new MinGroupSize(k);
            for (long n = 0; n <= 60; n++) {
                assertEquals(n >= k, Disclosure.mayShow(n, minGroupSize), "k=" + k + " n=" + n);
            }
        }
    }

    @Test
    void four_respondents_are_never_shown_with_the_default_k_of_five() {
        assertFalse(Disclosure.mayShow(4, new MinGroupSize(5)));
        assertTrue(Disclosure.mayShow(5, new MinGroupSize(5)));
    }

    @Test
    void an_empty_cell_is_never_shown() {
        assertFalse(Disclosure.mayShow(0, new MinGroupSize(MinGroupSize.LOWEST_ALLOWED)));
    }

    @Test
    void a_k_below_three_is_refused_because_two_colleagues_could_read_each_other() {
        for (int k = -1; k < 3; k++) {
            int tooSmall = k;
            assertThrows(IllegalArgumentException.class, () -> new MinGroupSize(tooSmall));
        }
        assertEquals(3, new MinGroupSize(3).value());
    }

    @Test
    void a_round_opened_with_a_higher_k_keeps_it_but_can_never_go_below_the_configured_k() {
        MinGroupSize configured = new MinGroupSize(5);
        assertEquals(7, configured.atLeast(7).value());
        assertEquals(5, configured.atLeast(3).value());
        assertEquals(5, configured.atLeast(0).value());
    }

    @Test
    void the_reason_names_the_threshold() {
        assertEquals("fewer than 5 respondents", new MinGroupSize(5).reason());
    }
}
