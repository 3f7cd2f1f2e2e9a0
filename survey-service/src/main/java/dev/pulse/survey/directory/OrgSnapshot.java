package dev.pulse.survey.directory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The organisation as the directory knows it at one moment: units (Keycloak groups) and who is a
 * member of which.
 *
 * @param units   every unit with its parent
 * @param members subject (Keycloak user id) to the ids of the units they are a member of
 */
public record OrgSnapshot(List<Unit> units, Map<String, Set<String>> members) {

    public record Unit(String id, String path, String parentId) {
        int depth() {
            return (int) path.chars().filter(c -> c == '/').count();
        }

        /** True if this unit is {@code ancestorPath} or lies below it. */
        public boolean isWithin(String ancestorPath) {
            return path.equals(ancestorPath) || path.startsWith(ancestorPath + "/");
        }
    }

    public OrgSnapshot {
        units = List.copyOf(units);
        members = Map.copyOf(members);
    }

    public Optional<Unit> unitByPath(String path) {
        return units.stream().filter(u -> u.path().equals(path)).findFirst();
    }

    public Map<String, Unit> unitsById() {
        Map<String, Unit> byId = new HashMap<>();
        units.forEach(u -> byId.put(u.id(), u));
        return byId;
    }

    /**
     * The one unit a person counts in for a round whose target is {@code targetPaths}: the deepest of
     * their groups inside the target, ties broken by the alphabetically first path. A person in
     * several groups still gets exactly one ballot; a person in no target group is not eligible.
     */
    public Optional<Unit> homeUnit(String subject, List<String> targetPaths) {
        Map<String, Unit> byId = unitsById();
        return members.getOrDefault(subject, Set.of()).stream()
                .map(byId::get)
                .filter(u -> u != null && targetPaths.stream().anyMatch(u::isWithin))
                .min(Comparator.comparingInt(Unit::depth).reversed().thenComparing(Unit::path));
    }
}
