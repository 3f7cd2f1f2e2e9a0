package dev.pulse.analytics.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.analytics.access.Viewer;
import dev.pulse.analytics.aggregate.Score;
import dev.pulse.analytics.problem.ProblemException;
import dev.pulse.analytics.round.RoundStore;
import dev.pulse.analytics.round.RoundVersion;
import dev.pulse.contracts.RoundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Heatmap and trends: other cuts through the same suppressed results. */
@ApplicationScoped
public class ReportsService {

    private static final String HEATMAP_ROWS = "heatmap-rows";


    private final ResultsService results;
    private final ClosedRounds closedRounds;
    private final RoundStore rounds;

    private final ObjectMapper json;

    public ReportsService(ResultsService results, ClosedRounds closedRounds, RoundStore rounds, ObjectMapper json) {
        this.results = results;
        this.closedRounds = closedRounds;
        this.rounds = rounds;
        this.json = json;
    }

    public HeatmapView heatmap(UUID roundId, Viewer viewer) {
        return heatmap(closedRounds.closed(roundId), viewer);
    }

    /**
     * The heatmap as JSON. A large round's heatmap is hundreds of kilobytes whose serialisation costs more than
     * everything else in the request, so the bytes are kept per round version and per set of units shown (and
     * gzip-compressed once, for clients that accept it).
     */
    public byte[] heatmapJson(UUID roundId, Viewer viewer, boolean gzip) {
        ClosedRound round = closedRounds.closed(roundId);
        HeatmapView view = heatmap(round, viewer);
        List<String> shownUnits = view.units().stream().map(HeatmapView.Row::unitId).toList();
        byte[] json = closedRounds.derived(new HeatmapJson(shownUnits, false), round, r -> json(view));
        return gzip ? closedRounds.derived(new HeatmapJson(shownUnits, true), round, r -> Gzip.compress(json)) : json;
    }

    private HeatmapView heatmap(ClosedRound round, Viewer viewer) {
        // The rows do not depend on the viewer (suppression is decided for the whole round), so they are built
        // once per version and only filtered per request.
        List<HeatmapView.Row> rows = closedRounds.derived(HEATMAP_ROWS, round, ReportsService::heatmapRows)
                .stream().filter(r -> viewer.maySee(r.unit())).map(UnitRow::row).toList();
        RoundResults current = round.current();
        return new HeatmapView(current.round().roundId(), current.round().status().name(), current.k().value(),
                current.dimensionIds(), rows);
    }

    private record HeatmapJson(List<String> shownUnits, boolean gzip) {
    }

    private byte[] json(Object view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a report as JSON", e);
        }
    }

    private record UnitRow(RoundEvent.Unit unit, HeatmapView.Row row) {
    }

    /** One row per unit with data, parents before children. */
    private static List<UnitRow> heatmapRows(ClosedRound closed) {
        RoundResults round = closed.current();
        List<UnitRow> rows = new ArrayList<>();
        for (String unitId : round.unitsWithData()) {
            RoundEvent.Unit unit = round.tree().unit(unitId);
            Optional<String> hidden = round.suppressionReason(unitId);
            if (hidden.isPresent()) {
                rows.add(new UnitRow(unit, new HeatmapView.SuppressedRow(unitId, unit.unitPath(), true, hidden.get())));
            } else {
                rows.add(new UnitRow(unit, new HeatmapView.VisibleRow(unitId, unit.unitPath(),
                        round.respondents(unitId).orElseThrow(), false, round.dimensionCells(unitId, closed.previous()))));
            }
        }
        return List.copyOf(rows);
    }

    public TrendsView trends(UUID campaignId, String unitId, Optional<String> dimension, Viewer viewer) {
        List<RoundEvent> campaign = rounds.findByCampaign(campaignId);
        if (campaign.isEmpty()) {
            throw ProblemException.notFound("campaign-not-found", "Unknown campaign",
                    "There is no campaign with this id that has a published round.");
        }
        RoundEvent.Unit unit = campaign.reversed().stream()
                .flatMap(r -> r.units().stream()).filter(u -> u.unitId().equals(unitId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("unit-not-found", "Unknown unit",
                        "No round of this campaign includes a unit with this id."));
        if (!viewer.maySee(unit)) {
            throw ProblemException.forbidden("unit-not-allowed", "Unit outside your area",
                    "You may only see results of the units you manage or belong to.");
        }
        List<RoundResults> closed = campaign.stream()
                .filter(r -> r.status() == RoundEvent.Status.CLOSED)
                .filter(r -> r.units().stream().anyMatch(u -> u.unitId().equals(unitId)))
                .map(results::of)
                .filter(r -> RoundVersion.allCounted(r.round().responses(), r.counted()))
                .toList();
        Set<String> dimensions = new LinkedHashSet<>();
        closed.forEach(r -> dimensions.addAll(r.dimensionIds()));
        dimension.ifPresent(d -> dimensions.retainAll(Set.of(d)));
        List<TrendsView.Series> series = new ArrayList<>();
        for (String dimensionId : dimensions) {
            List<TrendsView.Point> points = new ArrayList<>();
            for (RoundResults round : closed) {
                if (!round.dimensionIds().contains(dimensionId)) {
                    continue;
                }
                RoundEvent r = round.round();
                Optional<Score> score = round.dimension(unitId, dimensionId);
                if (score.isPresent()) {
                    points.add(new TrendsView.VisiblePoint(r.roundId(), r.sequence(), r.closesAt(), score.get().n(), false,
                            score.get().mean(), score.get().favourable()));
                } else {
                    String reason = round.suppressionReason(unitId).orElseGet(() -> round.reasonForDimension(unitId, dimensionId));
                    points.add(new TrendsView.SuppressedPoint(r.roundId(), r.sequence(), r.closesAt(), true, reason));
                }
            }
            series.add(new TrendsView.Series(dimensionId, points));
        }
        return new TrendsView(campaignId, unitId, unit.unitPath(), series);
    }
}
