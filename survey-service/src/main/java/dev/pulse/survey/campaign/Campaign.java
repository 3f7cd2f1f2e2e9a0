package dev.pulse.survey.campaign;

import dev.pulse.survey.rotation.RotationRule;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A recurring pulse: which units it asks, how often and for how long each round stays open.
 *
 * @param units    target units as group paths; each covers its whole subtree
 * @param rotation which questions the rounds ask: anchors every round, every dimension within a window
 */
public record Campaign(UUID id, String name, String schedule, String timeZone, Duration roundDuration,
                       List<String> units, int itemsPerRound, RotationRule rotation, Status status) {
    public enum Status { ACTIVE, PAUSED, ARCHIVED }
}
