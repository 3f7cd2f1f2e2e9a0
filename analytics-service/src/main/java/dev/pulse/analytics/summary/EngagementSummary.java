package dev.pulse.analytics.summary;

import dev.pulse.analytics.aggregate.Histogram;
import dev.pulse.analytics.aggregate.Score;
import dev.pulse.analytics.results.RoundResults;
import dev.pulse.contracts.RoundEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The engagement summary as pure functions: which cells it is built from, and how they are ranked.
 *
 * <p>Anonymity: every number here is read through {@link RoundResults}, i.e. from cells the disclosure rule
 * shows, or is a sum of such cells. A sum of shown cells lies in their span, so it tells an observer nothing
 * the results and heatmap do not already tell (the complementary suppression guarantee covers it). Nothing
 * here looks at a suppressed cell's numbers, and the rule is not re-implemented.
 */
public final class EngagementSummary {

    /** Items per list (weakest, strongest). */
    public static final int ITEMS_PER_LIST = 3;
    /** Units in the movers list. */
    public static final int MOVERS = 5;

    private EngagementSummary() {
    }

    /** The summary of a closed round for a caller who may see the units {@code inScope} accepts. */
    public static SummaryView of(RoundResults round, Optional<RoundResults> previous,
                                 Predicate<RoundEvent.Unit> inScope) {
        List<SummaryView.ItemEntry> items = itemEntries(round, previous, inScope);
        return new SummaryView(round.round().roundId(), previous.map(p -> p.round().roundId()).orElse(null),
                round.k().value(), weakest(items), strongest(items), movers(moves(round, previous, inScope)));
    }

    /**
     * One entry per item that has at least one shown cell in the caller's area, pooling the largest such cells.
     * Items asked but shown nowhere in the area do not appear.
     */
    static List<SummaryView.ItemEntry> itemEntries(RoundResults round, Optional<RoundResults> previous,
                                                   Predicate<RoundEvent.Unit> inScope) {
        List<SummaryView.ItemEntry> entries = new ArrayList<>();
        for (RoundEvent.Item item : round.round().items()) {
            List<String> cells = largestShownCells(round, item.itemId(), inScope);
            Optional<Score> score = pooled(round, cells, item.itemId());
            if (score.isEmpty()) {
                continue;
            }
            // Compared only over the very same cells, each shown in the previous round as well: otherwise the
            // delta would mix in people the current figure leaves out.
            BigDecimal delta = previous.flatMap(p -> pooled(p, cells, item.itemId()))
                    .map(p -> score.get().mean().subtract(p.mean())).orElse(null);
            entries.add(new SummaryView.ItemEntry(item.itemId(), item.dimension(), score.get().n(), score.get().mean(),
                    score.get().favourable(), delta));
        }
        return entries;
    }

    /**
     * The shown cells of an item in the caller's area that are not inside another such cell: going down from
     * the top, a unit whose item cell is shown is taken whole; below a suppressed (or out of area) unit, its
     * children are looked at instead. The cells are disjoint, so their sum counts nobody twice.
     */
    static List<String> largestShownCells(RoundResults round, String itemId, Predicate<RoundEvent.Unit> inScope) {
        List<String> cells = new ArrayList<>();
        List<String> next = new ArrayList<>(round.tree().roots());
        int guard = round.tree().preOrder().size() + 1;
        while (!next.isEmpty() && guard-- > 0) {
            List<String> below = new ArrayList<>();
            for (String unitId : next) {
                if (inScope.test(round.tree().unit(unitId)) && round.item(unitId, itemId).isPresent()) {
                    cells.add(unitId);
                } else {
                    below.addAll(round.tree().children(unitId));
                }
            }
            next = below;
        }
        return cells;
    }

    /** The item's answers in the given cells pooled, only if every one of them is shown in {@code round}. */
    static Optional<Score> pooled(RoundResults round, List<String> cells, String itemId) {
        if (cells.isEmpty()) {
            return Optional.empty();
        }
        Histogram scores = Histogram.EMPTY;
        for (String unitId : cells) {
            Optional<Score> cell = round.item(unitId, itemId);
            if (cell.isEmpty()) {
                return Optional.empty();
            }
            scores = scores.plus(cell.get().distribution());
        }
        // The distributions are already on the score scale (reverse-keyed items flipped).
        return Optional.of(Score.of(scores, false));
    }

    /** Every unit × dimension in the caller's area shown in both rounds, with its change. */
    static List<SummaryView.Mover> moves(RoundResults round, Optional<RoundResults> previous,
                                         Predicate<RoundEvent.Unit> inScope) {
        if (previous.isEmpty()) {
            return List.of();
        }
        List<SummaryView.Mover> moves = new ArrayList<>();
        for (String unitId : round.unitsWithData()) {
            RoundEvent.Unit unit = round.tree().unit(unitId);
            if (!inScope.test(unit)) {
                continue;
            }
            for (String dimension : round.dimensionIds()) {
                // Both cells must be shown: a change against a suppressed cell would reveal that cell.
                Optional<Score> now = round.dimension(unitId, dimension);
                Optional<Score> before = now.isEmpty() ? Optional.empty() : previous.get().dimension(unitId, dimension);
                if (before.isPresent()) {
                    moves.add(new SummaryView.Mover(unitId, unit.unitPath(), dimension, now.get().n(), now.get().mean(),
                            before.get().mean(), now.get().mean().subtract(before.get().mean())));
                }
            }
        }
        return moves;
    }

    private static final Comparator<SummaryView.ItemEntry> LOWEST_FIRST =
            Comparator.comparing(SummaryView.ItemEntry::mean).thenComparing(SummaryView.ItemEntry::favourable)
                    .thenComparing(SummaryView.ItemEntry::itemId);
    private static final Comparator<SummaryView.ItemEntry> HIGHEST_FIRST =
            Comparator.comparing(SummaryView.ItemEntry::mean).thenComparing(SummaryView.ItemEntry::favourable).reversed()
                    .thenComparing(SummaryView.ItemEntry::itemId);

    /**
     * The lowest-scoring items, lowest first: at most {@value #ITEMS_PER_LIST}, and at most half of the items
     * (rounded up), so that with few items both lists still say something and never name the same item.
     */
    public static List<SummaryView.ItemEntry> weakest(List<SummaryView.ItemEntry> items) {
        int count = Math.min(ITEMS_PER_LIST, (items.size() + 1) / 2);
        return items.stream().sorted(LOWEST_FIRST).limit(count).toList();
    }

    /** The highest-scoring items, highest first, none of them among {@link #weakest}. */
    public static List<SummaryView.ItemEntry> strongest(List<SummaryView.ItemEntry> items) {
        Set<String> weakest = new HashSet<>();
        weakest(items).forEach(i -> weakest.add(i.itemId()));
        int count = Math.min(ITEMS_PER_LIST, items.size() - weakest.size());
        return items.stream().filter(i -> !weakest.contains(i.itemId())).sorted(HIGHEST_FIRST).limit(count).toList();
    }

    /**
     * The units that moved most: each unit's biggest change (by absolute delta; a tie goes to the dimension
     * listed first), no change of 0, biggest first (ties by unit path), at most {@value #MOVERS}.
     */
    public static List<SummaryView.Mover> movers(List<SummaryView.Mover> moves) {
        Map<String, SummaryView.Mover> biggestPerUnit = new LinkedHashMap<>();
        for (SummaryView.Mover move : moves) {
            if (move.delta().signum() == 0) {
                continue;
            }
            biggestPerUnit.merge(move.unitId(), move,
                    (kept, other) -> other.delta().abs().compareTo(kept.delta().abs()) > 0 ? other : kept);
        }
        return biggestPerUnit.values().stream()
                .sorted(Comparator.comparing((SummaryView.Mover m) -> m.delta().abs()).reversed()
                        .thenComparing(m -> m.unitPath() == null ? m.unitId() : m.unitPath())
                        .thenComparing(SummaryView.Mover::unitId))
                .limit(MOVERS).toList();
    }
}
