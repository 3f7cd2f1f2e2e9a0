package dev.pulse.analytics.results;

import dev.pulse.analytics.access.Viewer;
import dev.pulse.analytics.aggregate.Score;
import dev.pulse.analytics.problem.ProblemException;
import dev.pulse.analytics.round.RoundStore;
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

    private final ResultsService results;
    private final RoundStore rounds;

    public ReportsService(ResultsService results, RoundStore rounds) {
        this.results = results;
        this.rounds = rounds;
    }

    public HeatmapView heatmap(UUID roundId, Viewer viewer) {
        RoundResults round = results.closedRoundResults(roundId);
        Optional<RoundResults> previous = results.previousRound(round.round());
        List<HeatmapView.Row> rows = new ArrayList<>();
        for (String unitId : round.unitsWithData()) {
            RoundEvent.Unit unit = round.tree().unit(unitId);
            if (!viewer.maySee(unit)) {
                continue;
            }
            Optional<String> hidden = round.suppressionReason(unitId);
            if (hidden.isPresent()) {
                rows.add(new HeatmapView.SuppressedRow(unitId, unit.unitPath(), true, hidden.get()));
            } else {
                rows.add(new HeatmapView.VisibleRow(unitId, unit.unitPath(), round.respondents(unitId).orElseThrow(), false,
                        round.dimensionCells(unitId, previous)));
            }
        }
        return new HeatmapView(roundId, round.round().status().name(), round.k().value(), round.dimensionIds(), rows);
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
