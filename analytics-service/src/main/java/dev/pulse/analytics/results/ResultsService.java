package dev.pulse.analytics.results;

import dev.pulse.analytics.aggregate.AggregateStore;
import dev.pulse.analytics.disclosure.DisclosurePolicy;
import dev.pulse.analytics.problem.ProblemException;
import dev.pulse.analytics.round.RoundStore;
import dev.pulse.contracts.RoundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ResultsService {

    private final RoundStore rounds;
    private final AggregateStore aggregates;
    private final DisclosurePolicy policy;

    public ResultsService(RoundStore rounds, AggregateStore aggregates, DisclosurePolicy policy) {
        this.rounds = rounds;
        this.aggregates = aggregates;
        this.policy = policy;
    }

    public ResultsView results(UUID roundId, Optional<String> unitId) {
        RoundResults results = roundResults(roundId);
        if (unitId.isPresent() && !results.tree().contains(unitId.get())) {
            throw ProblemException.notFound("unit-not-found", "Unknown unit",
                    "The round has no unit with this id; use a unitId from the round's results.");
        }
        return results.view(unitId);
    }

    RoundResults roundResults(UUID roundId) {
        RoundEvent round = rounds.find(roundId).orElseThrow(() -> ProblemException.notFound("round-not-found",
                "Unknown round", "There is no round with this id (yet); check the id or wait until the round is published."));
        return RoundResults.of(round, aggregates.load(roundId), policy.forRound(round.minGroupSize()));
    }
}
