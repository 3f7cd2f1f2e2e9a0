package dev.pulse.survey.round;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small units are merged at issuance: a unit whose people (plus any smaller units merged into it)
 * are fewer than k shares the key of its nearest ancestor that reaches k. Because the merge
 * happens before anyone answers, a small team's answers are never separable, not even in raw data.
 *
 * <p>If an ancestor only collects fewer than k people from its small units, it also takes along its
 * smallest unit that could stand on its own (and the next, until k is reached). Otherwise the
 * small units' answers would be the ancestor's total minus its visible children.
 */
public final class ReportingUnits {
    /** The synthetic top of every round: the whole target, catching units too small on their own. */
    public static final String ROOT_ID = "root";

    private ReportingUnits() {
    }

    /** A unit of the round's target; {@code parentId} is {@link #ROOT_ID} for a top unit of the target. */
    public record UnitNode(String id, String parentId, int eligible) {
    }

    /**
     * @param reportingUnitOf unit id (and {@link #ROOT_ID}) to the id of the unit whose key its people use
     * @param pool            reporting unit id to the number of people who use its key (each ≥ k)
     */
    public record Plan(Map<String, String> reportingUnitOf, Map<String, Integer> pool) {
    }

    public static final class TooFewPeopleException extends RuntimeException {
        public TooFewPeopleException(int eligible, int k) {
            super("the target has " + eligible + " eligible people; at least " + k + " are needed");
        }
    }

    private record Tree(Map<String, List<String>> children, Map<String, Integer> direct) {
    }

    /** What a subtree hands up: people still without a key, and the standing units an ancestor may take along. */
    private record Leftover(int people, List<String> frontier) {
    }

    /**
     * Merges bottom-up. {@code units} must not contain {@link #ROOT_ID}; it is added as their common
     * parent. Throws {@link TooFewPeopleException} if the whole target has fewer than k people.
     */
    public static Plan plan(List<UnitNode> units, int k) {
        Tree tree = tree(units);
        Map<String, Integer> standing = new LinkedHashMap<>();
        Leftover top = decide(ROOT_ID, tree, k, standing, 0);
        int people = top.people();
        if (people > 0) {
            people = absorbSmallest(people, top.frontier(), standing, k);
            if (people < k) {
                throw new TooFewPeopleException(units.stream().mapToInt(UnitNode::eligible).sum(), k);
            }
            standing.put(ROOT_ID, people);
        }
        if (standing.isEmpty()) {
            throw new TooFewPeopleException(0, k);
        }
        Map<String, String> reportingUnitOf = new LinkedHashMap<>();
        assign(ROOT_ID, ROOT_ID, tree, standing.keySet(), reportingUnitOf);
        if (reportingUnitOf.size() != units.size() + 1) {
            throw new IllegalArgumentException("the units do not form a tree under the root");
        }
        return new Plan(reportingUnitOf, standing);
    }

    private static Tree tree(List<UnitNode> units) {
        Map<String, List<String>> children = new HashMap<>();
        Map<String, Integer> direct = new HashMap<>();
        direct.put(ROOT_ID, 0);
        for (UnitNode u : units) {
            if (ROOT_ID.equals(u.id()) || u.eligible() < 0 || direct.put(u.id(), u.eligible()) != null) {
                throw new IllegalArgumentException("invalid or repeated unit " + u);
            }
            children.computeIfAbsent(u.parentId(), p -> new ArrayList<>()).add(u.id());
        }
        for (UnitNode u : units) {
            if (!direct.containsKey(u.parentId())) {
                throw new IllegalArgumentException("unit " + u.id() + " has unknown parent " + u.parentId());
            }
        }
        return new Tree(children, direct);
    }

    private static Leftover decide(String id, Tree tree, int k, Map<String, Integer> standing, int depth) {
        if (depth > 1_000) {
            throw new IllegalArgumentException("hierarchy deeper than 1000 or cyclic");
        }
        int people = tree.direct().get(id);
        List<String> frontier = new ArrayList<>();
        for (String child : tree.children().getOrDefault(id, List.of())) {
            Leftover below = decide(child, tree, k, standing, depth + 1);
            people += below.people();
            frontier.addAll(below.frontier());
        }
        if (ROOT_ID.equals(id)) {
            return new Leftover(people, frontier);
        }
        if (people > 0 && people < k) {
            people = absorbSmallest(people, frontier, standing, k);
        }
        if (people >= k) {
            standing.put(id, people);
            return new Leftover(0, List.of(id));
        }
        return new Leftover(people, frontier);
    }

    /** Takes the smallest standing units of the frontier into the pool until it reaches k (or none are left). */
    private static int absorbSmallest(int people, List<String> frontier, Map<String, Integer> standing, int k) {
        frontier.sort(Comparator.comparing((String u) -> standing.get(u)).thenComparing(u -> u));
        while (people < k && !frontier.isEmpty()) {
            people += standing.remove(frontier.remove(0));
        }
        return people;
    }

    private static void assign(String id, String reporting, Tree tree, Set<String> standing, Map<String, String> out) {
        String mine = standing.contains(id) ? id : reporting;
        out.put(id, mine);
        for (String child : tree.children().getOrDefault(id, List.of())) {
            assign(child, mine, tree, standing, out);
        }
    }
}
