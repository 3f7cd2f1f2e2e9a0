package dev.pulse.analytics.disclosure;

/**
 * The disclosure rule, in one place, as pure functions. A cell (a unit, or an item within a unit) may
 * show numbers only if at least k people are behind them.
 */
public final class Disclosure {

    private Disclosure() {
    }

    /** Primary suppression: a cell describing fewer than k respondents shows no numbers at all. */
    public static boolean mayShow(long respondents, MinGroupSize k) {
        return respondents >= k.value();
    }
}
