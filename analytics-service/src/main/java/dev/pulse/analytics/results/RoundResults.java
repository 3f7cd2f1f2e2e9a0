package dev.pulse.analytics.results;

import dev.pulse.analytics.aggregate.Histogram;
import dev.pulse.analytics.aggregate.RoundAggregates;
import dev.pulse.analytics.aggregate.Score;
import dev.pulse.analytics.disclosure.Disclosure;
import dev.pulse.analytics.disclosure.MinGroupSize;
import dev.pulse.analytics.round.UnitTree;
import dev.pulse.contracts.RoundEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what was counted for a round into what may be shown. A unit's cell covers the unit and
 * everything below it (a department's total includes its teams); which cells are suppressed is decided
 * once for the whole round, so asking for different units can never combine into more than one
 * answer would show.
 */
public final class RoundResults {

    private final RoundEvent round;
    private final MinGroupSize k;
    private final UnitTree tree;
    private final Map<String, Long> respondents = new HashMap<>();
    private final Map<String, Map<String, Histogram>> answers = new HashMap<>();
    private final Set<String> hiddenUnits = new HashSet<>();
    private final Map<String, Set<String>> hiddenItems = new HashMap<>();

    private RoundResults(RoundEvent round, RoundAggregates counted, MinGroupSize k) {
        this.round = round;
        this.k = k;
        Set<String> countedUnits = new HashSet<>(counted.respondents().keySet());
        countedUnits.addAll(counted.answers().keySet());
        this.tree = UnitTree.of(round.units(), countedUnits);
        for (String unitId : tree.preOrder()) {
            long n = 0;
            Map<String, Histogram> items = new HashMap<>();
            for (String member : tree.subtree(unitId)) {
                n += counted.respondents(member);
                for (RoundEvent.Item item : round.items()) {
                    items.merge(item.itemId(), counted.answers(member, item.itemId()), Histogram::plus);
                }
            }
            respondents.put(unitId, n);
            answers.put(unitId, items);
        }
        for (String unitId : tree.preOrder()) {
            if (!Disclosure.mayShow(respondents.get(unitId), k)) {
                hiddenUnits.add(unitId);
            }
            Set<String> hidden = new HashSet<>();
            for (RoundEvent.Item item : round.items()) {
                if (hiddenUnits.contains(unitId) || !Disclosure.mayShow(answers.get(unitId).get(item.itemId()).n(), k)) {
                    hidden.add(item.itemId());
                }
            }
            hiddenItems.put(unitId, hidden);
        }
    }

    public static RoundResults of(RoundEvent round, RoundAggregates counted, MinGroupSize k) {
        return new RoundResults(round, counted, k);
    }

    public UnitTree tree() {
        return tree;
    }

    /**
     * @param unitId a unit of the round: that unit and its direct children; empty: every unit that has data
     * @throws IllegalArgumentException for a unit that is not part of the round
     */
    public ResultsView view(Optional<String> unitId) {
        List<String> selected = new ArrayList<>();
        if (unitId.isPresent()) {
            if (!tree.contains(unitId.get())) {
                throw new IllegalArgumentException("unknown unit");
            }
            selected.add(unitId.get());
            selected.addAll(tree.children(unitId.get()));
        } else {
            tree.preOrder().stream().filter(u -> respondents.get(u) > 0).forEach(selected::add);
        }
        return new ResultsView(round.roundId(), round.status().name(), k.value(),
                selected.stream().map(this::cell).toList());
    }

    ResultsView.UnitCell cell(String unitId) {
        String path = tree.unit(unitId).unitPath();
        if (hiddenUnits.contains(unitId)) {
            return new ResultsView.SuppressedUnit(unitId, path, k.reason());
        }
        List<ResultsView.ItemCell> items = new ArrayList<>();
        for (RoundEvent.Item item : round.items()) {
            if (hiddenItems.get(unitId).contains(item.itemId())) {
                items.add(new ResultsView.SuppressedItem(item.itemId(), item.dimension(), k.reason()));
            } else {
                Score score = Score.of(answers.get(unitId).get(item.itemId()), item.reverse());
                items.add(new ResultsView.VisibleItem(item.itemId(), item.dimension(), score.n(), false, score.mean(),
                        score.distribution().asMap(), score.favourable()));
            }
        }
        return new ResultsView.VisibleUnit(unitId, path, respondents.get(unitId), items);
    }
}
