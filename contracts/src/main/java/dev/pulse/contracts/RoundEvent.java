package dev.pulse.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Latest lifecycle state of a round, published on the compacted topic {@link Topics#ROUNDS}
 * keyed by round id, so analytics knows the structure of a round without asking Keycloak.
 *
 * @param schemaVersion contract version, {@link #SCHEMA_VERSION}
 * @param roundId       the round
 * @param campaignId    the campaign it belongs to
 * @param sequence      1-based number of the round within its campaign (for "previous round" deltas)
 * @param status        {@link Status#OPEN} or {@link Status#CLOSED}
 * @param minGroupSize  the k the round was opened with
 * @param openedAt      when the round opened (a round-level time, never a per-person one)
 * @param closesAt      when it closes (or closed)
 * @param units         every unit of the target hierarchy with eligible counts
 * @param items         the items asked in this round
 * @param responses     for a CLOSED round: how many responses survey-service accepted for it — final, since none is
 *                      accepted after the close; null while the round is open (and from producers before this field)
 */
public record RoundEvent(int schemaVersion, UUID roundId, UUID campaignId, int sequence, Status status,
                         int minGroupSize, Instant openedAt, Instant closesAt,
                         List<Unit> units, List<Item> items, Long responses) {
    public static final int SCHEMA_VERSION = 1;

    /** A round event without a final response count (an open round). */
    public RoundEvent(int schemaVersion, UUID roundId, UUID campaignId, int sequence, Status status, int minGroupSize,
                      Instant openedAt, Instant closesAt, List<Unit> units, List<Item> items) {
        this(schemaVersion, roundId, campaignId, sequence, status, minGroupSize, openedAt, closesAt, units, items, null);
    }

    public enum Status { OPEN, CLOSED }

    /**
     * A unit of the organisation in the round's target.
     *
     * @param unitId          stable id (the Keycloak group id)
     * @param unitPath        full path for display, e.g. {@code /production/assembly}
     * @param parentUnitId    parent unit id, null for a top unit of the target
     * @param eligible        people whose home unit is exactly this unit
     * @param reportingUnitId the unit whose key this unit's people use (itself, or the ancestor it
     *                        was merged into because it had fewer than k people)
     */
    public record Unit(String unitId, String unitPath, String parentUnitId, int eligible, String reportingUnitId) {
    }

    /**
     * An item asked in the round.
     *
     * @param itemId    versioned item id, e.g. {@code control.1@v1}
     * @param dimension dimension id, e.g. {@code control}
     * @param reverse   true if agreeing is the unfavourable answer (scores get flipped: 6 - answer)
     */
    public record Item(String itemId, String dimension, boolean reverse) {
    }
}
