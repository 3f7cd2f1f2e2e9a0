package dev.pulse.analytics.disclosure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The disclosure rule, in one place, as pure functions.
 *
 * <p><b>Primary suppression:</b> a cell (a unit, or an item within a unit) shows numbers only if at
 * least k people are behind them.
 *
 * <p><b>Complementary suppression:</b> a unit's cell includes everything below it, so a visible parent
 * minus its visible children describes the people in between (the parent's own members, small merged
 * teams, suppressed children). Everything an observer can derive from visible cells is a combination of
 * these "remainders"; the rule is that every remainder is either empty or has at least k people. Then no
 * group of 1..k-1 people can be isolated by adding and subtracting visible cells, whichever way the
 * results are queried. When a remainder is too small, the smallest visible cell below the parent is
 * suppressed as well (its people join the remainder), until the remainder is large enough or empty.
 * Department totals are kept in preference to the smaller team cells.
 */
public final class Disclosure {

    private Disclosure() {
    }

    /** Primary suppression: a cell describing fewer than k respondents shows no numbers at all. */
    public static boolean mayShow(long respondents, MinGroupSize k) {
        return respondents >= k.value();
    }

    /**
     * Decides which cells of a hierarchy are suppressed.
     *
     * @param cells        the nesting of the cells
     * @param totals       each cell's count, including everything below it (missing = 0)
     * @param hiddenAnyway cells suppressed for another reason (e.g. an item cell of a suppressed unit)
     * @param k            the minimum group size
     * @return every suppressed cell: primary, given and complementary
     */
    public static Set<String> suppressed(Hierarchy cells, Map<String, Long> totals, Set<String> hiddenAnyway,
                                         MinGroupSize k) {
        Set<String> hidden = new HashSet<>(hiddenAnyway);
        List<String> postOrder = cells.postOrder();
        for (String cell : postOrder) {
            if (!mayShow(total(totals, cell), k)) {
                hidden.add(cell);
            }
        }
        // Children first: hiding a cell below a parent never changes the remainders of cells further down
        // or of the parent's ancestors, so one pass settles everything.
        for (String cell : postOrder) {
            if (hidden.contains(cell)) {
                continue;
            }
            while (true) {
                List<String> below = visibleBelow(cells, cell, hidden);
                long remainder = total(totals, cell) - below.stream().mapToLong(c -> total(totals, c)).sum();
                if (remainder == 0 || remainder >= k.value()) {
                    break;
                }
                // A visible cell always has >= k, so the remainder is only too small while something is below.
                String smallest = below.stream()
                        .min(Comparator.comparingLong((String c) -> total(totals, c)).thenComparing(c -> c))
                        .orElseThrow();
                hidden.add(smallest);
            }
        }
        return hidden;
    }

    /** The visible cells nearest below a cell (looking through suppressed ones). */
    static List<String> visibleBelow(Hierarchy cells, String cell, Set<String> hidden) {
        List<String> result = new ArrayList<>();
        for (String child : cells.children(cell)) {
            if (hidden.contains(child)) {
                result.addAll(visibleBelow(cells, child, hidden));
            } else {
                result.add(child);
            }
        }
        return result;
    }

    private static long total(Map<String, Long> totals, String cell) {
        return totals.getOrDefault(cell, 0L);
    }
}
