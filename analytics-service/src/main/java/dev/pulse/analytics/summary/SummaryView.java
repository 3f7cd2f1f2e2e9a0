package dev.pulse.analytics.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The engagement summary of a closed round: what HR opens the dashboard with. Built only from cells the
 * disclosure rule shows; a suppressed item or unit is simply absent, never listed without numbers.
 *
 * @param previousRoundId the closed round deltas are taken against (sequence − 1); absent if there is none
 * @param weakest         items with the lowest mean score, lowest first (at most 3)
 * @param strongest       items with the highest mean score, highest first (at most 3, never one of weakest)
 * @param movers          units whose dimension score changed most since the previous round, biggest change first
 *                        (at most 5, one entry per unit: its biggest change)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummaryView(UUID roundId, UUID previousRoundId, int minGroupSize, List<ItemEntry> weakest,
                          List<ItemEntry> strongest, List<Mover> movers) {

    /**
     * An item over the caller's area: the answers of the largest shown cells of the item in that area, pooled
     * (for HR usually the whole organisation; parts whose cells are suppressed are left out, never estimated).
     *
     * @param n          answers pooled
     * @param mean       mean score (reverse-keyed items flipped, higher is better), 2 decimals
     * @param favourable share of scores 4 and 5, 3 decimals
     * @param delta      mean minus the previous round's mean of the same cells; absent unless the previous round
     *                   asked the item and showed every one of those cells
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemEntry(String itemId, String dimension, long n, BigDecimal mean, BigDecimal favourable,
                            @Schema(nullable = true) BigDecimal delta) {
    }

    /**
     * A unit's dimension score that moved, shown in both rounds.
     *
     * @param n            answers pooled over the dimension's items in this round
     * @param mean         this round's mean score
     * @param previousMean the previous round's mean score of the same unit and dimension
     * @param delta        mean − previousMean
     */
    public record Mover(String unitId, String unitPath, String dimension, long n, BigDecimal mean,
                        BigDecimal previousMean, BigDecimal delta) {
    }
}
