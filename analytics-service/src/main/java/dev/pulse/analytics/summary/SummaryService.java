package dev.pulse.analytics.summary;

import dev.pulse.analytics.access.Viewer;
import dev.pulse.analytics.results.ClosedRound;
import dev.pulse.analytics.results.ClosedRounds;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The engagement summary of a closed round over what the caller may see. */
@ApplicationScoped
public class SummaryService {

    private final ClosedRounds closedRounds;

    public SummaryService(ClosedRounds closedRounds) {
        this.closedRounds = closedRounds;
    }

    public SummaryView summary(UUID roundId, Viewer viewer) {
        ClosedRound round = closedRounds.closed(roundId);
        // Restricting the area never weakens anonymity: the cells come from the one decision made for the whole
        // round, so a manager's summary is built from a subset of the cells HR sees.
        return closedRounds.derived(new SummaryFor(viewer), round,
                r -> EngagementSummary.of(r.current(), r.previous(), viewer::maySee));
    }

    private record SummaryFor(Viewer viewer) {
    }
}
