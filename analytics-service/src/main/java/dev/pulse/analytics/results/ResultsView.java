package dev.pulse.analytics.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pulse.analytics.aggregate.Score;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON shape of {@code GET /api/analytics/rounds/{roundId}/results}. Suppressed cells are separate
 * types without any numeric field, so a suppressed cell cannot even say how small it is.
 */
public record ResultsView(UUID roundId, String status, int minGroupSize, List<UnitCell> units) {

    @Schema(oneOf = {VisibleUnit.class, SuppressedUnit.class})
    public sealed interface UnitCell permits VisibleUnit, SuppressedUnit {
        String unitId();
    }

    /** @param n respondents in the unit and everything below it */
    public record VisibleUnit(String unitId, String unitPath, long n, boolean suppressed, List<ItemCell> items,
                              List<DimensionCell> dimensions) implements UnitCell {
        public VisibleUnit(String unitId, String unitPath, long n, List<ItemCell> items, List<DimensionCell> dimensions) {
            this(unitId, unitPath, n, false, items, dimensions);
        }
    }

    public record SuppressedUnit(String unitId, String unitPath, boolean suppressed, String reason) implements UnitCell {
        public SuppressedUnit(String unitId, String unitPath, String reason) {
            this(unitId, unitPath, true, reason);
        }
    }

    @Schema(oneOf = {VisibleItem.class, SuppressedItem.class})
    public sealed interface ItemCell permits VisibleItem, SuppressedItem {
        String itemId();
    }

    /**
     * @param n            answers to this item
     * @param mean         mean score (reverse-keyed items flipped, higher is better)
     * @param distribution count per score "1".."5" (after flipping)
     * @param favourable   share of scores 4 and 5
     * @param delta        mean minus the previous round's mean of the same cell; absent when that cell was
     *                     not shown or not asked
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VisibleItem(String itemId, String dimension, long n, boolean suppressed, BigDecimal mean,
                              Map<String, Long> distribution, BigDecimal favourable, BigDecimal delta)
            implements ItemCell {
        static VisibleItem of(String itemId, String dimension, Score score, BigDecimal delta) {
            return new VisibleItem(itemId, dimension, score.n(), false, score.mean(), score.distribution().asMap(),
                    score.favourable(), delta);
        }
    }

    public record SuppressedItem(String itemId, String dimension, boolean suppressed, String reason)
            implements ItemCell {
        public SuppressedItem(String itemId, String dimension, String reason) {
            this(itemId, dimension, true, reason);
        }
    }

    @Schema(oneOf = {VisibleDimension.class, SuppressedDimension.class})
    public sealed interface DimensionCell permits VisibleDimension, SuppressedDimension {
        String dimension();
    }

    /**
     * All answers to the dimension's items pooled (each reverse-keyed item flipped first).
     *
     * @param n answers pooled over the dimension's items
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VisibleDimension(String dimension, long n, boolean suppressed, BigDecimal mean,
                                   Map<String, Long> distribution, BigDecimal favourable, BigDecimal delta)
            implements DimensionCell {
        static VisibleDimension of(String dimension, Score score, BigDecimal delta) {
            return new VisibleDimension(dimension, score.n(), false, score.mean(), score.distribution().asMap(),
                    score.favourable(), delta);
        }
    }

    public record SuppressedDimension(String dimension, boolean suppressed, String reason) implements DimensionCell {
        public SuppressedDimension(String dimension, String reason) {
            this(dimension, true, reason);
        }
    }
}
