package dev.pulse.analytics.results;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One point per closed round of a campaign in which the unit took part and the dimension was asked. */
public record TrendsView(UUID campaignId, String unitId, String unitPath, List<Series> series) {

    public record Series(String dimension, List<Point> points) {
    }

    @Schema(oneOf = {VisiblePoint.class, SuppressedPoint.class})
    public sealed interface Point permits VisiblePoint, SuppressedPoint {
        UUID roundId();
    }

    /** @param n answers pooled over the dimension's items in that round */
    public record VisiblePoint(UUID roundId, int sequence, Instant closesAt, long n, boolean suppressed,
                               BigDecimal mean, BigDecimal favourable) implements Point {
    }

    public record SuppressedPoint(UUID roundId, int sequence, Instant closesAt, boolean suppressed, String reason)
            implements Point {
    }
}
