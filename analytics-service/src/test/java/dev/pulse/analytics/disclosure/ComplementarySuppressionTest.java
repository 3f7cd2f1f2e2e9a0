package dev.pulse.analytics.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Complementary suppression, proven by linear algebra: published cells are sums over the people of a
 * subtree; an observer may add and subtract them with any rational coefficients. These tests compute
 * that span exactly and check that no group of 1..k-1 respondents lies in it.
 */
class ComplementarySuppressionTest {

    static final MinGroupSize K5 = new MinGroupSize(5);

    /** A random organisation: who reports where, and how many answered. */
    record Case(Hierarchy hierarchy, List<String> nodes, Map<String, String> parent, Map<String, Long> own,
                Set<String> reporting, MinGroupSize k, Set<String> hiddenAnyway) {

        Map<String, Long> totals() {
            Map<String, Long> totals = new HashMap<>();
            for (String node : hierarchy.postOrder()) {
                long t = own.getOrDefault(node, 0L);
                for (String c : hierarchy.children(node)) {
                    t += totals.get(c);
                }
                totals.put(node, t);
            }
            return totals;
        }

        List<String> subtree(String node) {
            List<String> result = new ArrayList<>();
            result.add(node);
            for (String c : hierarchy.children(node)) {
                result.addAll(subtree(c));
            }
            return result;
        }

        /** Coordinates are the reporting units: only they can hold responses (others are known zeros). */
        long[] indicator(String node) {
            List<String> coordinates = List.copyOf(reporting.stream().sorted().toList());
            long[] v = new long[coordinates.size()];
            for (String member : subtree(node)) {
                int i = coordinates.indexOf(member);
                if (i >= 0) {
                    v[i] = 1;
                }
            }
            return v;
        }
    }

    static Case randomCase(Random random) {
        int size = 1 + random.nextInt(11);
        List<String> nodes = new ArrayList<>();
        Map<String, String> parent = new LinkedHashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        List<String> roots = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String node = "u" + i;
            nodes.add(node);
            children.put(node, new ArrayList<>());
            if (i == 0 || random.nextInt(5) == 0) {
                roots.add(node);
            } else {
                String p = nodes.get(random.nextInt(i));
                parent.put(node, p);
                children.get(p).add(node);
            }
        }
        long[] palette = {0, 0, 1, 1, 2, 3, 4, 4, 5, 6, 7, 9, 12, 20};
        Map<String, Long> own = new HashMap<>();
        Set<String> reporting = new HashSet<>();
        for (String node : nodes) {
            if (random.nextInt(4) != 0) {
                reporting.add(node);
                own.put(node, palette[random.nextInt(palette.length)]);
            }
        }
        MinGroupSize k = new MinGroupSize(3 + random.nextInt(4));
        Set<String> hiddenAnyway = new HashSet<>();
        if (random.nextInt(3) == 0) {
            nodes.stream().filter(n -> random.nextInt(4) == 0).forEach(hiddenAnyway::add);
        }
        return new Case(new Hierarchy(roots, children), nodes, parent, own, reporting, k, hiddenAnyway);
    }

    /** Every group of respondents an observer can isolate from the visible cells, as a failure message. */
    static List<String> leaks(Case c, Set<String> hidden) {
        Map<String, Long> totals = c.totals();
        List<String> coordinates = c.reporting().stream().sorted().toList();
        List<long[]> visibleRows = new ArrayList<>();
        for (String node : c.nodes()) {
            if (!hidden.contains(node)) {
                visibleRows.add(c.indicator(node));
            }
        }
        ExactSpan span = new ExactSpan(coordinates.size(), visibleRows);
        List<String> leaks = new ArrayList<>();
        // 1. no suppressed small cell can be computed from the visible ones
        for (String node : hidden) {
            long t = totals.get(node);
            if (t > 0 && t < c.k().value() && span.contains(c.indicator(node))) {
                leaks.add("suppressed cell " + node + " (" + t + ") is derivable");
            }
        }
        // 2. stronger: no group at all with 1..k-1 respondents lies in the span (all subsets of reporting units)
        for (int mask = 1; mask < (1 << coordinates.size()); mask++) {
            long[] v = new long[coordinates.size()];
            long people = 0;
            for (int i = 0; i < coordinates.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    v[i] = 1;
                    people += c.own().getOrDefault(coordinates.get(i), 0L);
                }
            }
            if (people > 0 && people < c.k().value() && span.contains(v)) {
                leaks.add("group " + mask + " of " + people + " respondents is derivable");
            }
        }
        return leaks;
    }

    @Test
    void no_group_smaller_than_k_can_be_derived_from_visible_cells_in_thousands_of_random_organisations() {
        Random random = new Random(20261130);
        for (int run = 0; run < 3000; run++) {
            Case c = randomCase(random);
            Set<String> hidden = Disclosure.suppressed(c.hierarchy(), c.totals(), c.hiddenAnyway(), c.k());
            List<String> leaks = leaks(c, hidden);
            if (!leaks.isEmpty()) {
                fail("run " + run + ": " + leaks + " in " + c + " hidden " + hidden);
            }
            Map<String, Long> totals = c.totals();
            for (String node : c.nodes()) {
                if (!hidden.contains(node)) {
                    assertTrue(totals.get(node) >= c.k().value(), "a visible cell has at least k respondents");
                }
            }
            assertTrue(hidden.containsAll(c.hiddenAnyway()), "cells hidden for another reason stay hidden");
        }
    }

    @Test
    void the_checker_catches_the_differencing_attack_that_primary_suppression_alone_allows() {
        // production (no direct members) = assembly 10 + quality 3: showing 13 and 10 reveals quality's 3.
        Case c = new Case(new Hierarchy(List.of("prod"), Map.of("prod", List.of("asm", "qa"))),
                List.of("prod", "asm", "qa"), Map.of("asm", "prod", "qa", "prod"), Map.of("asm", 10L, "qa", 3L),
                Set.of("asm", "qa"), K5, Set.of());
        assertFalse(leaks(c, Set.of("qa")).isEmpty(), "primary suppression alone leaks");
        assertEquals(List.of(), leaks(c, Disclosure.suppressed(c.hierarchy(), c.totals(), Set.of(), K5)));
    }

    @Test
    void a_unit_below_five_is_never_shown_not_even_through_its_parents_total_minus_its_siblings() {
        Hierarchy h = new Hierarchy(List.of("prod"), Map.of("prod", List.of("asm", "maint", "qa")));
        Map<String, Long> totals = Map.of("prod", 31L, "asm", 12L, "maint", 16L, "qa", 3L);
        assertEquals(Set.of("qa", "asm"), Disclosure.suppressed(h, totals, Set.of(), K5),
                "the smallest sibling is suppressed with the small team");
    }

    @Test
    void a_parent_whose_own_members_are_fewer_than_k_hides_its_smallest_child_instead_of_revealing_them() {
        Hierarchy h = new Hierarchy(List.of("prod"), Map.of("prod", List.of("asm", "maint")));
        // prod has 2 direct members: 20 - 10 - 8 = 2
        Map<String, Long> totals = Map.of("prod", 20L, "asm", 10L, "maint", 8L);
        assertEquals(Set.of("maint"), Disclosure.suppressed(h, totals, Set.of(), K5));
    }

    @Test
    void when_hiding_one_sibling_is_not_enough_the_next_smallest_follows() {
        Hierarchy h = new Hierarchy(List.of("p"), Map.of("p", List.of("a", "b", "c")));
        // remainder 1 (a member of p) + qa 0; siblings with 5 and 6 respondents and an empty one
        Map<String, Long> totals = Map.of("p", 1L + 5 + 6 + 9, "a", 5L, "b", 6L, "c", 9L);
        assertEquals(Set.of("a"), Disclosure.suppressed(h, totals, Set.of(), K5));
        Map<String, Long> tight = Map.of("p", 1L + 5 + 6, "a", 5L, "b", 6L, "c", 0L);
        assertEquals(Set.of("a", "c"), Disclosure.suppressed(h, tight, Set.of(), K5));
    }

    @Test
    void a_remainder_of_exactly_zero_or_at_least_k_needs_no_further_suppression() {
        Hierarchy h = new Hierarchy(List.of("p"), Map.of("p", List.of("a", "b")));
        assertEquals(Set.of(), Disclosure.suppressed(h, Map.of("p", 11L, "a", 5L, "b", 6L), Set.of(), K5));
        assertEquals(Set.of(), Disclosure.suppressed(h, Map.of("p", 16L, "a", 5L, "b", 6L), Set.of(), K5));
    }

    @Test
    void suppression_looks_through_hidden_cells_to_the_visible_ones_below() {
        // p = 2 own + m(hidden, 0 own) -> x 6, y 7: remainder of p against x and y is 2
        Hierarchy h = new Hierarchy(List.of("p"), Map.of("p", List.of("m"), "m", List.of("x", "y")));
        Map<String, Long> totals = Map.of("p", 15L, "m", 13L, "x", 6L, "y", 7L);
        Set<String> hidden = Disclosure.suppressed(h, totals, Set.of("m"), K5);
        assertEquals(Set.of("m", "x"), hidden);
    }
}
