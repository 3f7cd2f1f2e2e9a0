package dev.pulse.analytics.results;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shape of {@code GET /api/analytics/rounds/{roundId}/results}. */
public record ResultsView(UUID roundId, String status, int minGroupSize, List<UnitCell> units) {

    /** A unit's cell: numbers, or only the fact that it is suppressed. */
    @Schema(oneOf = {VisibleUnit.class, SuppressedUnit.class})
    public sealed interface UnitCell permits VisibleUnit, SuppressedUnit {
        String unitId();
    }

    /** @param n respondents in the unit and everything below it */
    public record VisibleUnit(String unitId, String unitPath, long n, boolean suppressed, List<ItemCell> items)
            implements UnitCell {
        public VisibleUnit(String unitId, String unitPath, long n, List<ItemCell> items) {
            this(unitId, unitPath, n, false, items);
        }
    }

    /** Deliberately has no numeric field: a suppressed cell must not even say how small it is. */
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
     */
    public record VisibleItem(String itemId, String dimension, long n, boolean suppressed, BigDecimal mean,
                              Map<String, Long> distribution, BigDecimal favourable) implements ItemCell {
    }

    public record SuppressedItem(String itemId, String dimension, boolean suppressed, String reason)
            implements ItemCell {
        public SuppressedItem(String itemId, String dimension, String reason) {
            this(itemId, dimension, true, reason);
        }
    }
}
