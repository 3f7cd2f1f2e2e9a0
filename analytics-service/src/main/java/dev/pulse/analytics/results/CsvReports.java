package dev.pulse.analytics.results;

/**
 * The {@code text/csv} variants: the same cells as the JSON, flattened. A suppressed cell says
 * {@value Csv#SUPPRESSED} and its numeric columns stay empty.
 */
public final class CsvReports {

    private static final String SHOWN = "shown";

    private CsvReports() {
    }

    public static String results(ResultsView view) {
        Csv csv = new Csv("roundId", "unitId", "unitPath", "cell", "itemId", "dimension", "status", "n", "mean",
                "favourable", "score1", "score2", "score3", "score4", "score5", "delta", "reason");
        for (ResultsView.UnitCell unit : view.units()) {
            switch (unit) {
                case ResultsView.SuppressedUnit s -> csv.row(view.roundId(), s.unitId(), s.unitPath(), "unit", null, null,
                        Csv.SUPPRESSED, null, null, null, null, null, null, null, null, null, s.reason());
                case ResultsView.VisibleUnit v -> {
                    csv.row(view.roundId(), v.unitId(), v.unitPath(), "unit", null, null, SHOWN, v.n(), null, null,
                            null, null, null, null, null, null, null);
                    for (ResultsView.ItemCell item : v.items()) {
                        switch (item) {
                            case ResultsView.SuppressedItem s -> csv.row(view.roundId(), v.unitId(), v.unitPath(), "item",
                                    s.itemId(), s.dimension(), Csv.SUPPRESSED, null, null, null, null, null, null, null,
                                    null, null, s.reason());
                            case ResultsView.VisibleItem i -> csv.row(view.roundId(), v.unitId(), v.unitPath(), "item",
                                    i.itemId(), i.dimension(), SHOWN, i.n(), i.mean(), i.favourable(),
                                    i.distribution().get("1"), i.distribution().get("2"), i.distribution().get("3"),
                                    i.distribution().get("4"), i.distribution().get("5"), i.delta(), null);
                        }
                    }
                    for (ResultsView.DimensionCell dimension : v.dimensions()) {
                        switch (dimension) {
                            case ResultsView.SuppressedDimension s -> csv.row(view.roundId(), v.unitId(), v.unitPath(),
                                    "dimension", null, s.dimension(), Csv.SUPPRESSED, null, null, null, null, null, null,
                                    null, null, null, s.reason());
                            case ResultsView.VisibleDimension d -> csv.row(view.roundId(), v.unitId(), v.unitPath(),
                                    "dimension", null, d.dimension(), SHOWN, d.n(), d.mean(), d.favourable(),
                                    d.distribution().get("1"), d.distribution().get("2"), d.distribution().get("3"),
                                    d.distribution().get("4"), d.distribution().get("5"), d.delta(), null);
                        }
                    }
                }
            }
        }
        return csv.toString();
    }

    /** One row per unit, one column of mean scores per dimension. */
    public static String heatmap(HeatmapView view) {
        String[] header = new String[3 + view.dimensions().size()];
        header[0] = "unitId";
        header[1] = "unitPath";
        header[2] = "n";
        for (int i = 0; i < view.dimensions().size(); i++) {
            header[3 + i] = view.dimensions().get(i);
        }
        Csv csv = new Csv(header);
        for (HeatmapView.Row row : view.units()) {
            Object[] values = new Object[header.length];
            switch (row) {
                case HeatmapView.SuppressedRow s -> {
                    values[0] = s.unitId();
                    values[1] = s.unitPath();
                    for (int i = 2; i < values.length; i++) {
                        values[i] = Csv.SUPPRESSED;
                    }
                }
                case HeatmapView.VisibleRow v -> {
                    values[0] = v.unitId();
                    values[1] = v.unitPath();
                    values[2] = v.n();
                    for (int i = 0; i < v.cells().size(); i++) {
                        values[3 + i] = switch (v.cells().get(i)) {
                            case ResultsView.SuppressedDimension ignored -> Csv.SUPPRESSED;
                            case ResultsView.VisibleDimension d -> d.mean();
                        };
                    }
                }
            }
            csv.row(values);
        }
        return csv.toString();
    }

    public static String trends(TrendsView view) {
        Csv csv = new Csv("unitId", "unitPath", "dimension", "roundId", "sequence", "closesAt", "status", "n", "mean",
                "favourable", "reason");
        for (TrendsView.Series series : view.series()) {
            for (TrendsView.Point point : series.points()) {
                switch (point) {
                    case TrendsView.SuppressedPoint s -> csv.row(view.unitId(), view.unitPath(), series.dimension(),
                            s.roundId(), s.sequence(), s.closesAt(), Csv.SUPPRESSED, null, null, null, s.reason());
                    case TrendsView.VisiblePoint p -> csv.row(view.unitId(), view.unitPath(), series.dimension(),
                            p.roundId(), p.sequence(), p.closesAt(), SHOWN, p.n(), p.mean(), p.favourable(), null);
                }
            }
        }
        return csv.toString();
    }
}
