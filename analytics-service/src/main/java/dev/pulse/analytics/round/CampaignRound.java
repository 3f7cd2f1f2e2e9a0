package dev.pulse.analytics.round;

import dev.pulse.contracts.RoundEvent;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A round of a campaign as the HR dashboard lists it. Only round-level times from the round event (anonymity:
 * nothing here is per person or per response).
 *
 * @param status   {@value #OPEN} or {@value #CLOSED}
 * @param closesAt when the round closes (open) or closed (closed)
 * @param closedAt when the round closed, null while it is open: survey-service publishes the actual closing
 *                 time as {@code closesAt} of a closed round, so this is that time at the same precision
 */
public record CampaignRound(UUID roundId, int sequence,
                            @Schema(enumeration = {OPEN, CLOSED}) String status,
                            Instant openedAt, Instant closesAt, @Schema(nullable = true) Instant closedAt) {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    public static CampaignRound of(UUID roundId, int sequence, RoundEvent.Status status, Instant openedAt,
                                   Instant closesAt) {
        boolean closed = status == RoundEvent.Status.CLOSED;
        return new CampaignRound(roundId, sequence, status.name().toLowerCase(Locale.ROOT), openedAt, closesAt,
                closed ? closesAt : null);
    }
}
