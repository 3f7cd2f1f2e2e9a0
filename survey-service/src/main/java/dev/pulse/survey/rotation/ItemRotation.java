package dev.pulse.survey.rotation;

import dev.pulse.survey.catalogue.Catalogue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which questions a round asks under a campaign's {@link RotationRule}. Pure and deterministic: the
 * same catalogue, rule and history give the same items, so the rule is tested exhaustively without a
 * server.
 *
 * <p>The anchors come first, every round. Of the other questions, {@code ceil(u / N)} go to the
 * dimensions without an anchor that were asked least recently ({@code u} such dimensions, window
 * {@code N}); the rest go to the questions asked least recently, so every question comes round. Why
 * this keeps the window: a dimension that is not asked has at most {@code u - 1} dimensions ahead of it,
 * each round serves {@code ceil(u / N)} of them and sends them behind it, so it is served within
 * {@code N} rounds. The history is what earlier rounds really asked, so the window also holds from the
 * first round after HR changed the rule.
 */
public final class ItemRotation {
    private ItemRotation() {
    }

    /**
     * @param history the item ids of the campaign's earlier rounds, oldest first (may be empty)
     * @throws IllegalArgumentException if the rule was not validated for {@code itemsPerRound}
     */
    public static List<Catalogue.Item> itemsForRound(Catalogue catalogue, RotationRule rule, int itemsPerRound,
                                                     List<List<String>> history) {
        Map<String, Catalogue.Item> byId = catalogue.byId();
        if (rule.anchorItems().size() > itemsPerRound || rule.anchorItems().stream().anyMatch(id -> !byId.containsKey(id))
                || new HashSet<>(rule.anchorItems()).size() != rule.anchorItems().size()
                || RotationRule.shortestWindow(catalogue, rule.anchorItems(), itemsPerRound) > rule.everyDimensionWithin()) {
            throw new IllegalArgumentException("rotation rule " + rule + " cannot be kept with " + itemsPerRound + " items");
        }
        Map<String, Integer> lastAsked = new HashMap<>();
        for (int round = 0; round < history.size(); round++) {
            for (String id : history.get(round)) {
                lastAsked.put(id, round);
            }
        }
        Map<String, Integer> lastSeen = new HashMap<>();
        lastAsked.forEach((id, round) -> {
            Catalogue.Item item = byId.get(id);
            if (item != null) {
                lastSeen.merge(item.dimension(), round, Math::max);
            }
        });

        Set<Catalogue.Item> chosen = new LinkedHashSet<>();
        rule.anchorItems().forEach(id -> chosen.add(byId.get(id)));
        List<Catalogue.Item> rotating = catalogue.items().stream().filter(i -> !chosen.contains(i)).toList();
        int slots = Math.min(itemsPerRound - chosen.size(), rotating.size());
        Comparator<Catalogue.Item> leastRecentlyAsked = Comparator.comparingInt(i -> lastAsked.getOrDefault(i.id(), -1));

        List<String> dimensionOrder = catalogue.dimensions().stream().map(Catalogue.Dimension::id).toList();
        List<String> open = new ArrayList<>(RotationRule.dimensionsWithoutAnchor(catalogue, rule.anchorItems()));
        open.sort(Comparator.comparingInt((String d) -> lastSeen.getOrDefault(d, -1)).thenComparingInt(dimensionOrder::indexOf));
        int duty = open.isEmpty() ? 0 : Math.min(slots, Math.ceilDiv(open.size(), rule.everyDimensionWithin()));
        for (String dimension : open.subList(0, duty)) {
            rotating.stream().filter(i -> i.dimension().equals(dimension)).min(leastRecentlyAsked).ifPresent(chosen::add);
        }

        // Among questions never or equally long not asked, interleave the dimensions (first items of each, then
        // the second ones), so the first rounds of a campaign already spread over the topics.
        Map<Catalogue.Item, Integer> interleaved = interleavedPosition(rotating, dimensionOrder);
        rotating.stream().filter(i -> !chosen.contains(i))
                .sorted(leastRecentlyAsked.thenComparing(interleaved::get))
                .limit(slots - (chosen.size() - rule.anchorItems().size()))
                .forEach(chosen::add);
        return List.copyOf(chosen);
    }

    private static Map<Catalogue.Item, Integer> interleavedPosition(List<Catalogue.Item> items, List<String> dimensionOrder) {
        Map<String, Integer> levelInDimension = new HashMap<>();
        Map<Catalogue.Item, Integer> position = new HashMap<>();
        for (Catalogue.Item item : items) {
            int level = levelInDimension.merge(item.dimension(), 1, Integer::sum) - 1;
            position.put(item, level * dimensionOrder.size() + dimensionOrder.indexOf(item.dimension()));
        }
        return position;
    }
}
