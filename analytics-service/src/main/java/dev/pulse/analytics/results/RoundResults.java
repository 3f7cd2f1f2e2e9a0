package dev.pulse.analytics.results;

import dev.pulse.analytics.aggregate.Histogram;
import dev.pulse.analytics.aggregate.RoundAggregates;
import dev.pulse.analytics.aggregate.Score;
import dev.pulse.analytics.disclosure.Disclosure;
import dev.pulse.analytics.disclosure.MinGroupSize;
import dev.pulse.analytics.round.UnitTree;
import dev.pulse.contracts.RoundEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What may be shown of one round. A unit's cell covers the unit and everything below it (a
 * department's total includes its teams). Which cells are suppressed is decided here once, for the whole
 * round, by {@link Disclosure}: whatever subset of units a caller sees, and however many requests they
 * combine, they only ever see cells of this one decision.
 *
 * <p>A dimension cell is shown only when every item of that dimension is shown for the unit, so it is a
 * sum of visible item cells and adds nothing an observer could not already compute.
 */
public final class RoundResults {

    private final RoundEvent round;
    private final MinGroupSize k;
    private final UnitTree tree;
    private final Map<String, Long> respondents = new HashMap<>();
    private final Map<String, Map<String, Histogram>> answers = new HashMap<>();
    private final Set<String> hiddenUnits;
    private final Map<String, Set<String>> hiddenUnitsByItem = new HashMap<>();
    /** dimension id to its items, in the order the round asks them */
    private final Map<String, List<RoundEvent.Item>> dimensions = new LinkedHashMap<>();

    private RoundResults(RoundEvent round, RoundAggregates counted, MinGroupSize k) {
        this.round = round;
        this.k = k;
        Set<String> countedUnits = new HashSet<>(counted.respondents().keySet());
        countedUnits.addAll(counted.answers().keySet());
        this.tree = UnitTree.of(round.units(), countedUnits);
        round.items().forEach(i -> dimensions.computeIfAbsent(i.dimension(), d -> new ArrayList<>()).add(i));
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
        this.hiddenUnits = Disclosure.suppressed(tree.hierarchy(), respondents, Set.of(), k);
        for (RoundEvent.Item item : round.items()) {
            Map<String, Long> itemCounts = new HashMap<>();
            answers.forEach((unit, items) -> itemCounts.put(unit, items.get(item.itemId()).n()));
            hiddenUnitsByItem.put(item.itemId(), Disclosure.suppressed(tree.hierarchy(), itemCounts, hiddenUnits, k));
        }
    }

    public static RoundResults of(RoundEvent round, RoundAggregates counted, MinGroupSize k) {
        return new RoundResults(round, counted, k);
    }

    /** Respondents counted for the round, over all its units. */
    public long counted() {
        return tree.roots().stream().mapToLong(root -> respondents.getOrDefault(root, 0L)).sum();
    }

    public RoundEvent round() {
        return round;
    }

    public MinGroupSize k() {
        return k;
    }

    public UnitTree tree() {
        return tree;
    }

    public List<String> dimensionIds() {
        return List.copyOf(dimensions.keySet());
    }

    /** Units whose cell covers at least one response, parents before children. */
    public List<String> unitsWithData() {
        return tree.preOrder().stream().filter(u -> respondents.getOrDefault(u, 0L) > 0).toList();
    }

    public boolean isShown(String unitId) {
        return tree.contains(unitId) && !hiddenUnits.contains(unitId);
    }

    /** Respondents of a shown unit; empty when the unit is suppressed. */
    public Optional<Long> respondents(String unitId) {
        return isShown(unitId) ? Optional.of(respondents.get(unitId)) : Optional.empty();
    }

    /** The score of a shown item cell; empty when suppressed or not asked. */
    public Optional<Score> item(String unitId, String itemId) {
        Set<String> hidden = hiddenUnitsByItem.get(itemId);
        if (hidden == null || !tree.contains(unitId) || hidden.contains(unitId)) {
            return Optional.empty();
        }
        RoundEvent.Item item = round.items().stream().filter(i -> i.itemId().equals(itemId)).findFirst().orElseThrow();
        return Optional.of(Score.of(answers.get(unitId).get(itemId), item.reverse()));
    }

    /** The pooled score of a dimension, only when every item of it is shown; empty otherwise or if not asked. */
    public Optional<Score> dimension(String unitId, String dimensionId) {
        List<RoundEvent.Item> items = dimensions.get(dimensionId);
        if (items == null || !tree.contains(unitId)) {
            return Optional.empty();
        }
        Histogram pooled = Histogram.EMPTY;
        for (RoundEvent.Item item : items) {
            if (hiddenUnitsByItem.get(item.itemId()).contains(unitId)) {
                return Optional.empty();
            }
            Histogram itemAnswers = answers.get(unitId).get(item.itemId());
            pooled = pooled.plus(item.reverse() ? itemAnswers.flipped() : itemAnswers);
        }
        return Optional.of(Score.of(pooled, false));
    }

    /**
     * The cells of the given units.
     *
     * @param previous the campaign's previous round, for deltas (only between two shown cells)
     */
    public ResultsView view(List<String> unitIds, Optional<RoundResults> previous) {
        return new ResultsView(round.roundId(), round.status().name(), k.value(),
                unitIds.stream().map(u -> cell(u, previous)).toList());
    }

    private ResultsView.UnitCell cell(String unitId, Optional<RoundResults> previous) {
        String path = tree.unit(unitId).unitPath();
        if (!isShown(unitId)) {
            return new ResultsView.SuppressedUnit(unitId, path, reason(respondents.get(unitId)));
        }
        List<ResultsView.ItemCell> items = new ArrayList<>();
        for (RoundEvent.Item item : round.items()) {
            Optional<Score> score = item(unitId, item.itemId());
            if (score.isEmpty()) {
                items.add(new ResultsView.SuppressedItem(item.itemId(), item.dimension(),
                        reason(answers.get(unitId).get(item.itemId()).n())));
            } else {
                BigDecimal delta = previous.flatMap(p -> p.item(unitId, item.itemId()))
                        .map(p -> score.get().mean().subtract(p.mean())).orElse(null);
                items.add(ResultsView.VisibleItem.of(item.itemId(), item.dimension(), score.get(), delta));
            }
        }
        List<ResultsView.DimensionCell> dims = dimensionCells(unitId, previous);
        return new ResultsView.VisibleUnit(unitId, path, respondents.get(unitId), items, dims);
    }

    /** One cell per dimension of the round, for a shown unit. */
    public List<ResultsView.DimensionCell> dimensionCells(String unitId, Optional<RoundResults> previous) {
        List<ResultsView.DimensionCell> cells = new ArrayList<>();
        for (String dimensionId : dimensions.keySet()) {
            Optional<Score> score = dimension(unitId, dimensionId);
            if (score.isEmpty()) {
                cells.add(new ResultsView.SuppressedDimension(dimensionId, reasonForDimension(unitId, dimensionId)));
            } else {
                BigDecimal delta = previous.flatMap(p -> p.dimension(unitId, dimensionId))
                        .map(p -> score.get().mean().subtract(p.mean())).orElse(null);
                cells.add(ResultsView.VisibleDimension.of(dimensionId, score.get(), delta));
            }
        }
        return cells;
    }

    /** The reason a suppressed unit shows, or empty if the unit is shown. */
    public Optional<String> suppressionReason(String unitId) {
        return isShown(unitId) ? Optional.empty() : Optional.of(reason(respondents.getOrDefault(unitId, 0L)));
    }

    /** Why a cell shows no numbers; never its size beyond "below k". */
    public String reason(long count) {
        return count < k.value() ? k.reason() : complementaryReason();
    }

    public String complementaryReason() {
        return "hidden so that a group of fewer than " + k.value() + " respondents cannot be worked out from other cells";
    }

    String reasonForDimension(String unitId, String dimensionId) {
        boolean anySmall = dimensions.get(dimensionId).stream()
                .anyMatch(i -> answers.get(unitId).get(i.itemId()).n() < k.value());
        return anySmall ? k.reason() : complementaryReason();
    }
}
