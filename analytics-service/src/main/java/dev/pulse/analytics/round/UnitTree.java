package dev.pulse.analytics.round;

import dev.pulse.analytics.disclosure.Hierarchy;
import dev.pulse.contracts.RoundEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unit hierarchy of a round, as the round event describes it. Units that only appear in the
 * aggregates (a response for a unit the round event does not list) become extra top units without a
 * path, so nothing counted is silently dropped.
 */
public final class UnitTree {

    private final Map<String, RoundEvent.Unit> units = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new LinkedHashMap<>();
    private final List<String> roots = new ArrayList<>();

    private UnitTree() {
    }

    public static UnitTree of(List<RoundEvent.Unit> roundUnits, Collection<String> alsoCounted) {
        UnitTree tree = new UnitTree();
        roundUnits.stream().sorted(Comparator.comparing(RoundEvent.Unit::unitPath))
                .forEach(u -> tree.units.putIfAbsent(u.unitId(), u));
        alsoCounted.stream().sorted().filter(id -> !tree.units.containsKey(id))
                .forEach(id -> tree.units.put(id, new RoundEvent.Unit(id, null, null, 0, id)));
        for (RoundEvent.Unit unit : tree.units.values()) {
            tree.children.put(unit.unitId(), new ArrayList<>());
        }
        for (RoundEvent.Unit unit : tree.units.values()) {
            String parent = unit.parentUnitId();
            // A parent outside the round's target (or a cycle's back edge) makes this a top unit.
            if (parent != null && tree.units.containsKey(parent) && !tree.isAncestorOrSelf(unit.unitId(), parent)) {
                tree.children.get(parent).add(unit.unitId());
            } else {
                tree.roots.add(unit.unitId());
            }
        }
        return tree;
    }

    private boolean isAncestorOrSelf(String candidate, String of) {
        String current = of;
        int guard = units.size() + 1;
        while (current != null && guard-- > 0) {
            if (current.equals(candidate)) {
                return true;
            }
            RoundEvent.Unit unit = units.get(current);
            current = unit == null ? null : unit.parentUnitId();
        }
        return false;
    }

    public boolean contains(String unitId) {
        return units.containsKey(unitId);
    }

    public RoundEvent.Unit unit(String unitId) {
        return units.get(unitId);
    }

    public List<String> roots() {
        return List.copyOf(roots);
    }

    public List<String> children(String unitId) {
        return List.copyOf(children.getOrDefault(unitId, List.of()));
    }

    /** The parent within this tree, empty for a top unit. */
    public Optional<String> parent(String unitId) {
        for (var e : children.entrySet()) {
            if (e.getValue().contains(unitId)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** The unit and everything below it, parents before children. */
    public List<String> subtree(String unitId) {
        List<String> result = new ArrayList<>();
        collect(unitId, result);
        return result;
    }

    /** Every unit, parents before children, siblings by path. */
    public List<String> preOrder() {
        List<String> result = new ArrayList<>();
        roots.forEach(r -> collect(r, result));
        return result;
    }

    /** The same nesting, as the disclosure rule sees it. */
    public Hierarchy hierarchy() {
        return new Hierarchy(roots, children);
    }

    private void collect(String unitId, List<String> into) {
        into.add(unitId);
        children.getOrDefault(unitId, List.of()).forEach(c -> collect(c, into));
    }
}
