package dev.pulse.analytics.round;

import dev.pulse.contracts.RoundEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * Everything results of a round are computed from, reduced to what changes when any of it changes: the
 * round's state and revision (bumped by every stored round event) and the number of responses counted
 * for it (every counted response adds exactly one respondent, in the same transaction as its answers).
 * Two equal versions therefore stand for the same units, items, status and counts.
 *
 * @param closesAt when the round closes or closed (for the "still open" message only)
 * @param counted  respondents counted for the round so far, over all its reporting units
 */
public record RoundVersion(UUID roundId, RoundEvent.Status status, Instant closesAt, long revision, long counted) {

    public boolean isClosed() {
        return status == RoundEvent.Status.CLOSED;
    }

    /**
     * A round's version and that of the campaign's previous round (sequence − 1), which deltas are taken against.
     */
    public record WithPrevious(RoundVersion round, java.util.Optional<RoundVersion> previous) {
    }
}
