package dev.pulse.survey.rotation;

import dev.pulse.survey.catalogue.Catalogue;
import dev.pulse.survey.problem.ProblemException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A campaign's rotation rule: the anchor items asked every round, and the window within which every
 * dimension of the catalogue is asked at least once ("every dimension at least every third round" is
 * {@code everyDimensionWithin = 3}).
 *
 * @param anchorItems          catalogue item ids asked in every round, in the order they are asked
 * @param everyDimensionWithin every dimension appears in any this many consecutive rounds (at least 1)
 */
public record RotationRule(List<String> anchorItems, int everyDimensionWithin) {
    /** The window promised when HR does not choose one, as long as the questions per round allow it. */
    public static final int DEFAULT_WINDOW = 3;

    /** What HR may send; a missing field takes its default. */
    public record Request(List<String> anchorItems, Integer everyDimensionWithin) {
    }

    public RotationRule {
        anchorItems = List.copyOf(anchorItems);
    }

    /**
     * The rule of a campaign that does not name one: the catalogue's anchor items (as many as leave at
     * least one question to rotate) and every dimension within {@value #DEFAULT_WINDOW} rounds, or
     * within the shortest window the remaining questions can cover (e.g. 4 with 5 questions per round).
     */
    public static RotationRule defaultFor(Catalogue catalogue, int itemsPerRound) {
        List<String> anchors = defaultAnchors(catalogue, itemsPerRound);
        return new RotationRule(anchors, Math.max(DEFAULT_WINDOW, shortestWindow(catalogue, anchors, itemsPerRound)));
    }

    private static List<String> defaultAnchors(Catalogue catalogue, int itemsPerRound) {
        List<String> anchors = catalogue.items().stream().filter(Catalogue.Item::anchor).map(Catalogue.Item::id).toList();
        return anchors.subList(0, Math.min(anchors.size(), Math.max(0, itemsPerRound - 1)));
    }

    /**
     * The shortest window in which {@code itemsPerRound} questions with these anchors can cover every
     * dimension, or {@link Integer#MAX_VALUE} if they cannot (the anchors leave no question to rotate).
     */
    public static int shortestWindow(Catalogue catalogue, List<String> anchors, int itemsPerRound) {
        int open = dimensionsWithoutAnchor(catalogue, anchors).size();
        int rotating = itemsPerRound - anchors.size();
        if (open == 0) {
            return 1;
        }
        return rotating <= 0 ? Integer.MAX_VALUE : Math.ceilDiv(open, rotating);
    }

    /** Dimensions that have items but none of them among the anchors: the rotation must bring them round. */
    static Set<String> dimensionsWithoutAnchor(Catalogue catalogue, List<String> anchors) {
        Map<String, Catalogue.Item> byId = catalogue.byId();
        Set<String> covered = new HashSet<>();
        anchors.forEach(id -> covered.add(byId.get(id).dimension()));
        Set<String> open = new LinkedHashSet<>();
        catalogue.items().stream().map(Catalogue.Item::dimension).filter(d -> !covered.contains(d)).forEach(open::add);
        return open;
    }

    /**
     * The rule for a campaign asking {@code itemsPerRound} (already valid) questions: the request's
     * fields, defaults for missing ones. A rule that names unknown items or cannot be kept is a 400 that
     * names the field.
     */
    public static RotationRule resolve(Request request, Catalogue catalogue, int itemsPerRound) {
        if (request == null) {
            return defaultFor(catalogue, itemsPerRound);
        }
        List<String> anchors = request.anchorItems() == null ? defaultAnchors(catalogue, itemsPerRound) : request.anchorItems();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < anchors.size(); i++) {
            String id = anchors.get(i);
            if (id == null || catalogue.item(id).isEmpty()) {
                throw ProblemException.invalidField("rotation.anchorItems[" + i + "]", "unknown item '" + id
                        + "'; the catalogue's item ids are listed at /api/catalogue/items");
            }
            if (!seen.add(id)) {
                throw ProblemException.invalidField("rotation.anchorItems[" + i + "]", "item '" + id + "' is listed twice");
            }
        }
        if (anchors.size() > itemsPerRound) {
            throw ProblemException.invalidField("rotation.anchorItems", "lists " + anchors.size()
                    + " anchor items, but a round asks only itemsPerRound = " + itemsPerRound);
        }
        int shortest = shortestWindow(catalogue, anchors, itemsPerRound);
        Integer window = request.everyDimensionWithin();
        if (window == null) {
            if (shortest == Integer.MAX_VALUE) {
                throw ProblemException.invalidField("rotation.anchorItems", "the anchors fill all " + itemsPerRound
                        + " questions of a round, so the dimensions " + dimensionsWithoutAnchor(catalogue, anchors)
                        + " would never be asked; list fewer anchors or raise itemsPerRound");
            }
            return new RotationRule(anchors, Math.max(DEFAULT_WINDOW, shortest));
        }
        if (window < 1) {
            throw ProblemException.invalidField("rotation.everyDimensionWithin", "must be at least 1 (round)");
        }
        if (window < shortest) {
            Set<String> open = dimensionsWithoutAnchor(catalogue, anchors);
            int rotating = itemsPerRound - anchors.size();
            throw ProblemException.invalidField("rotation.everyDimensionWithin", rotating <= 0
                    ? "cannot be kept: the anchors fill all " + itemsPerRound + " questions of a round, so the dimensions "
                            + open + " would never be asked; list fewer anchors or raise itemsPerRound"
                    : "cannot be kept: with itemsPerRound = " + itemsPerRound + " and " + anchors.size() + " anchors, "
                            + rotating + " questions rotate, and the " + open.size() + " dimensions without an anchor "
                            + open + " need at least " + shortest + " rounds; choose " + shortest
                            + " or more, fewer anchors, or more questions per round");
        }
        return new RotationRule(anchors, window);
    }
}
