package dev.pulse.survey.campaign;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A recurring pulse: which units it asks, how often and for how long each round stays open.
 *
 * @param units target units as group paths; each covers its whole subtree
 */
public record Campaign(UUID id, String name, String schedule, String timeZone, Duration roundDuration,
                       List<String> units, int itemsPerRound, Status status) {
    public enum Status { ACTIVE, PAUSED, ARCHIVED }
}
