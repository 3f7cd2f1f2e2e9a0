package dev.pulse.analytics.participation;

import dev.pulse.analytics.aggregate.RoundAggregates;
import dev.pulse.analytics.disclosure.MinGroupSize;
import dev.pulse.analytics.round.UnitTree;
import dev.pulse.contracts.RoundEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How many of the people asked have answered, per unit. A unit's figure covers everyone below it whose
 * key belongs to a reporting unit in that subtree, so eligible and responded always count the same
 * people (someone in a small team merged into its parent is counted with the parent). Units with
 * fewer than k eligible people are not listed.
 */
public final class Participation {

    private Participation() {
    }

    public record View(UUID roundId, String status, int minGroupSize, List<Row> units) {
    }

    /**
     * @param rate responded / eligible, 3 decimals
     */
    public record Row(String unitId, String unitPath, long eligible, long responded, BigDecimal rate) {
    }

    public static List<Row> rows(RoundEvent round, RoundAggregates counted, MinGroupSize k) {
        UnitTree tree = UnitTree.of(round.units(), List.of());
        List<Row> rows = new ArrayList<>();
        for (String unitId : tree.preOrder()) {
            Set<String> subtree = new HashSet<>(tree.subtree(unitId));
            long eligible = 0;
            long responded = 0;
            for (String member : subtree) {
                RoundEvent.Unit unit = tree.unit(member);
                if (subtree.contains(unit.reportingUnitId())) {
                    eligible += unit.eligible();
                }
                responded += counted.respondents(member);
            }
            if (eligible >= k.value()) {
                BigDecimal rate = BigDecimal.valueOf(responded).divide(BigDecimal.valueOf(eligible), 3, RoundingMode.HALF_UP);
                rows.add(new Row(unitId, tree.unit(unitId).unitPath(), eligible, responded, rate));
            }
        }
        return rows;
    }
}
