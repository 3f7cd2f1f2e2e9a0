package dev.pulse.analytics.aggregate;

import java.util.Map;

/**
 * What was counted for one round, per reporting unit (the unit a response arrived with).
 *
 * @param respondents unit id to number of respondents
 * @param answers     unit id to item id to raw answers
 */
public record RoundAggregates(Map<String, Long> respondents, Map<String, Map<String, Histogram>> answers) {

    public static final RoundAggregates NONE = new RoundAggregates(Map.of(), Map.of());

    public long respondents(String unitId) {
        return respondents.getOrDefault(unitId, 0L);
    }

    public Histogram answers(String unitId, String itemId) {
        return answers.getOrDefault(unitId, Map.of()).getOrDefault(itemId, Histogram.EMPTY);
    }
}
