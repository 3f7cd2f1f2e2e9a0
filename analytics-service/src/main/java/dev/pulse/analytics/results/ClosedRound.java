package dev.pulse.analytics.results;

import dev.pulse.analytics.round.RoundVersion;
import java.util.Optional;

/**
 * A closed round's results and those of the campaign's previous closed round (for deltas), each computed
 * by the disclosure rule from the data of exactly the version it names.
 *
 * @param previousVersion the previous round's version if it is closed and its results are here
 * @param stable          false when the data kept changing while it was read: then nothing derived from
 *                        it is cached (the next request computes afresh)
 */
public record ClosedRound(RoundVersion version, RoundResults current, Optional<RoundVersion> previousVersion,
                          Optional<RoundResults> previous, boolean stable) {

    /** What a view derived from this round depends on: both rounds' versions. */
    public Key key() {
        return new Key(version, previousVersion);
    }

    public record Key(RoundVersion round, Optional<RoundVersion> previous) {
    }
}
