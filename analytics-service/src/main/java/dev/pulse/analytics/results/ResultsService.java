package dev.pulse.analytics.results;

import dev.pulse.analytics.access.Viewer;
import dev.pulse.analytics.aggregate.AggregateStore;
import dev.pulse.analytics.disclosure.DisclosurePolicy;
import dev.pulse.analytics.problem.ProblemException;
import dev.pulse.contracts.RoundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes a closed round's results (the disclosure rule applied once per version, see {@link ClosedRounds}) and
 * cuts out what the viewer may see.
 */
@ApplicationScoped
public class ResultsService {

    private final ClosedRounds closedRounds;
    private final AggregateStore aggregates;
    private final DisclosurePolicy policy;

    public ResultsService(ClosedRounds closedRounds, AggregateStore aggregates, DisclosurePolicy policy) {
        this.closedRounds = closedRounds;
        this.aggregates = aggregates;
        this.policy = policy;
    }

    public ResultsView results(UUID roundId, Optional<String> unitId, Viewer viewer) {
        ClosedRound round = closedRounds.closed(roundId);
        RoundResults results = round.current();
        List<String> selected = new ArrayList<>();
        if (unitId.isPresent()) {
            String unit = requireVisibleUnit(results, unitId.get(), viewer);
            selected.add(unit);
            results.tree().children(unit).stream().filter(c -> viewer.maySee(results.tree().unit(c))).forEach(selected::add);
        } else if (viewer.seesOrganisationViews()) {
            results.unitsWithData().stream().filter(u -> viewer.maySee(results.tree().unit(u))).forEach(selected::add);
        } else {
            results.tree().preOrder().stream().filter(u -> viewer.maySee(results.tree().unit(u))).forEach(selected::add);
        }
        return results.view(selected, round.previous());
    }

    /** Results of any closed round computed afresh (trends read every round of a campaign at once). */
    public RoundResults of(RoundEvent round) {
        return RoundResults.of(round, aggregates.load(round.roundId()), policy.forRound(round.minGroupSize()));
    }

    public static String requireVisibleUnit(RoundResults results, String unitId, Viewer viewer) {
        if (!results.tree().contains(unitId)) {
            throw ProblemException.notFound("unit-not-found", "Unknown unit",
                    "The round has no unit with this id; use a unitId from the round's results.");
        }
        if (!viewer.maySee(results.tree().unit(unitId))) {
            throw ProblemException.forbidden("unit-not-allowed", "Unit outside your area",
                    "You may only see results of the units you manage or belong to.");
        }
        return unitId;
    }

    static ProblemException roundNotFound() {
        return ProblemException.notFound("round-not-found", "Unknown round",
                "There is no round with this id (yet); check the id or wait until the round is published.");
    }
}
