package dev.pulse.analytics.aggregate;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The numbers shown for a visible cell, on the score scale where higher is always better:
 * reverse-keyed items are flipped (6 - answer) before anything is computed, so the
 * {@code distribution} is of scores too and {@code mean = Σ score × count / n}.
 *
 * @param n            number of answers
 * @param mean         mean score, 2 decimals (half up)
 * @param distribution scores after flipping
 * @param favourable   share of scores 4 and 5, 0..1 with 3 decimals (half up)
 */
public record Score(long n, BigDecimal mean, Histogram distribution, BigDecimal favourable) {

    public static final int MEAN_SCALE = 2;
    public static final int FAVOURABLE_SCALE = 3;

    /**
     * @param answers raw answers as given
     * @param reverse whether agreeing is the unfavourable answer
     */
    public static Score of(Histogram answers, boolean reverse) {
        if (answers.n() == 0) {
            throw new IllegalArgumentException("no score without answers");
        }
        Histogram scores = reverse ? answers.flipped() : answers;
        long n = scores.n();
        BigDecimal mean = BigDecimal.valueOf(scores.sum()).divide(BigDecimal.valueOf(n), MEAN_SCALE, RoundingMode.HALF_UP);
        BigDecimal favourable = BigDecimal.valueOf(scores.h4() + scores.h5())
                .divide(BigDecimal.valueOf(n), FAVOURABLE_SCALE, RoundingMode.HALF_UP);
        return new Score(n, mean, scores, favourable);
    }
}
