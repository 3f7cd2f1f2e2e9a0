package dev.pulse.analytics.results;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Units × dimensions of one closed round. */
public record HeatmapView(UUID roundId, String status, int minGroupSize, List<String> dimensions, List<Row> units) {

    @Schema(oneOf = {VisibleRow.class, ResultsView.SuppressedUnit.class})
    public sealed interface Row permits VisibleRow, SuppressedRow {
        String unitId();
    }

    /** @param cells one per dimension, in the order of {@code dimensions} */
    public record VisibleRow(String unitId, String unitPath, long n, boolean suppressed,
                             List<ResultsView.DimensionCell> cells) implements Row {
    }

    public record SuppressedRow(String unitId, String unitPath, boolean suppressed, String reason) implements Row {
    }
}
