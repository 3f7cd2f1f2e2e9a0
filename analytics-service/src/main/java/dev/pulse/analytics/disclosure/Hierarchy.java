package dev.pulse.analytics.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A forest of cells where each cell's count includes the counts of the cells below it (a department's
 * total includes its teams). That nesting is what makes differencing possible.
 */
public record Hierarchy(List<String> roots, Map<String, List<String>> children) {

    public Hierarchy {
        roots = List.copyOf(roots);
        children = Map.copyOf(children);
    }

    public List<String> children(String node) {
        return children.getOrDefault(node, List.of());
    }

    /** Every node, children before their parent. */
    public List<String> postOrder() {
        List<String> order = new ArrayList<>();
        roots.forEach(r -> postOrder(r, order));
        return order;
    }

    private void postOrder(String node, List<String> into) {
        children(node).forEach(c -> postOrder(c, into));
        into.add(node);
    }
}
