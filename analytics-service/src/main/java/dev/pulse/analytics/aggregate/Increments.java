package dev.pulse.analytics.aggregate;

import dev.pulse.contracts.ResponseSubmitted;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a batch of newly counted responses adds to the aggregates: one increment per cell, so a whole
 * batch becomes one upsert per table. Keys are sorted so concurrent writers lock rows in the same order.
 */
public record Increments(Map<UnitKey, Long> respondents, Map<ItemKey, Histogram> answers) {

    public record UnitKey(UUID roundId, String unitId) implements Comparable<UnitKey> {
        private static final Comparator<UnitKey> ORDER =
                Comparator.comparing(UnitKey::roundId).thenComparing(UnitKey::unitId);

        @Override
        public int compareTo(UnitKey o) {
            return ORDER.compare(this, o);
        }
    }

    public record ItemKey(UUID roundId, String unitId, String itemId) implements Comparable<ItemKey> {
        private static final Comparator<ItemKey> ORDER = Comparator.comparing(ItemKey::roundId)
                .thenComparing(ItemKey::unitId).thenComparing(ItemKey::itemId);

        @Override
        public int compareTo(ItemKey o) {
            return ORDER.compare(this, o);
        }
    }

    /** Each response must already have passed {@link ResponseCheck} and must be counted exactly once. */
    public static Increments of(Collection<ResponseSubmitted> responses) {
        Map<UnitKey, Long> respondents = new TreeMap<>();
        Map<ItemKey, Histogram> answers = new TreeMap<>();
        for (ResponseSubmitted response : responses) {
            respondents.merge(new UnitKey(response.roundId(), response.unitId()), 1L, Long::sum);
            response.answers().forEach((itemId, answer) -> answers.merge(
                    new ItemKey(response.roundId(), response.unitId(), itemId), Histogram.of(answer), Histogram::plus));
        }
        return new Increments(respondents, answers);
    }

    public boolean isEmpty() {
        return respondents.isEmpty();
    }
}
