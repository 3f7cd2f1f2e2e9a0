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
 * @param counted   respondents counted for the round so far, over all its reporting units
 * @param responses the final number of responses of a closed round as survey-service published it, null if unknown
 */
public record RoundVersion(UUID roundId, RoundEvent.Status status, Instant closesAt, long revision, long counted,
                           Long responses) {

    public boolean isClosed() {
        return status == RoundEvent.Status.CLOSED;
    }

    /** Closed and every accepted answer counted: only then may anything of the round be shown. */
    public boolean isSettled() {
        return isClosed() && allCounted(responses, counted);
    }

    /**
     * Whether {@code counted} has reached the final count. Anonymity: results shown before the last answers arrive
     * would change when they do, and two readings a few seconds apart would differ by one or two people's answers.
     * Rounds closed before survey-service published a final count (null) are shown as before.
     */
    public static boolean allCounted(Long responses, long counted) {
        return responses == null || counted >= responses;
    }

    /**
     * A round's version and that of the campaign's previous round (sequence − 1), which deltas are taken against.
     */
    public record WithPrevious(RoundVersion round, java.util.Optional<RoundVersion> previous) {
    }
}
