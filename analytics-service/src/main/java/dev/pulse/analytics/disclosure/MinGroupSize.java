package dev.pulse.analytics.disclosure;

/**
 * k: the fewest respondents a cell may describe. Below 3 a person could subtract their own answer and
 * read a colleague's, so smaller values are refused outright.
 */
public record MinGroupSize(int value) {

    public static final int LOWEST_ALLOWED = 3;

    public MinGroupSize {
        if (value < LOWEST_ALLOWED) {
            throw new IllegalArgumentException(
                    "the minimum group size k must be at least " + LOWEST_ALLOWED + ", was " + value);
        }
    }

    /** The stricter of two thresholds (e.g. the configured one and the one a round was opened with). */
    public MinGroupSize atLeast(int other) {
        return other > value ? new MinGroupSize(other) : this;
    }

    /** What a suppressed cell says instead of numbers. */
    public String reason() {
        return "fewer than " + value + " respondents";
    }
}
