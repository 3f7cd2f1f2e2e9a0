package dev.pulse.analytics.access;

import dev.pulse.contracts.RoundEvent;
import java.util.Collection;
import java.util.Set;

/**
 * Who is asking, reduced to what decides which units they may see: HR sees every unit, a manager the
 * subtrees named in the token's {@code manages} claim, an employee only the units they belong to
 * ({@code groups} claim, full paths).
 *
 * <p>Restricting the units never weakens anonymity: suppression is decided for the whole round first,
 * so a restricted view only ever shows a subset of the cells HR sees.
 */
public record Viewer(boolean hr, Set<String> managedPaths, Set<String> ownPaths) {

    public static final String HR = "hr";
    public static final String MANAGER = "manager";
    public static final String EMPLOYEE = "employee";

    public Viewer {
        managedPaths = Set.copyOf(managedPaths);
        ownPaths = Set.copyOf(ownPaths);
    }

    public static Viewer of(Collection<String> roles, Collection<String> manages, Collection<String> groups) {
        boolean hr = roles.contains(HR);
        Set<String> managed = roles.contains(MANAGER) ? Set.copyOf(manages) : Set.of();
        Set<String> own = roles.contains(EMPLOYEE) || roles.contains(MANAGER) ? Set.copyOf(groups) : Set.of();
        return new Viewer(hr, managed, own);
    }

    /** HR and managers see organisation-wide views (heatmap, participation, trends) of what they may see. */
    public boolean seesOrganisationViews() {
        return hr || !managedPaths.isEmpty();
    }

    public boolean maySee(RoundEvent.Unit unit) {
        if (hr) {
            return true;
        }
        String path = unit.unitPath();
        if (path == null) {
            return false;
        }
        return ownPaths.contains(path) || managedPaths.stream().anyMatch(m -> isWithin(path, m));
    }

    /** True if {@code path} is {@code root} or below it (by whole path segments). */
    public static boolean isWithin(String path, String root) {
        String prefix = root.endsWith("/") ? root : root + "/";
        return path.equals(root) || path.startsWith(prefix);
    }
}
