package dev.pulse.survey.round;

import dev.pulse.survey.directory.OrgSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who a round of a campaign asks, as one organisation snapshot says: the target units, each person's
 * one home unit, and which units share a key because they are smaller than k. Pure, so opening a round
 * and estimating how many keys the next one needs agree.
 *
 * @param nodes          the target units with their parent inside the target and their eligible people
 * @param pathOf         unit id to its path
 * @param homeOfSubject  directory subject to the id of the one unit they count in
 * @param plan           reporting units (whose keys are used) and who uses which
 */
public record RoundTarget(List<ReportingUnits.UnitNode> nodes, Map<String, String> pathOf, Map<String, String> homeOfSubject,
                          ReportingUnits.Plan plan) {

    /** @throws ReportingUnits.TooFewPeopleException if the whole target has fewer than k people */
    public static RoundTarget of(OrgSnapshot org, List<String> targetPaths, int k) {
        Map<String, OrgSnapshot.Unit> byId = org.unitsById();
        List<OrgSnapshot.Unit> target = org.units().stream()
                .filter(u -> targetPaths.stream().anyMatch(u::isWithin)).toList();
        Map<String, String> homeOfSubject = new HashMap<>();
        Map<String, Integer> direct = new HashMap<>();
        for (String subject : org.members().keySet()) {
            org.homeUnit(subject, targetPaths).ifPresent(u -> {
                homeOfSubject.put(subject, u.id());
                direct.merge(u.id(), 1, Integer::sum);
            });
        }
        List<ReportingUnits.UnitNode> nodes = target.stream()
                .map(u -> new ReportingUnits.UnitNode(u.id(), parentInTarget(u, byId, targetPaths), direct.getOrDefault(u.id(), 0)))
                .toList();
        Map<String, String> pathOf = new HashMap<>();
        target.forEach(u -> pathOf.put(u.id(), u.path()));
        return new RoundTarget(nodes, pathOf, homeOfSubject, ReportingUnits.plan(nodes, k));
    }

    /** The nearest ancestor inside the target, or the synthetic root for a top unit of the target. */
    private static String parentInTarget(OrgSnapshot.Unit unit, Map<String, OrgSnapshot.Unit> byId, List<String> targets) {
        boolean isTargetTop = targets.contains(unit.path());
        if (isTargetTop || unit.parentId() == null || !byId.containsKey(unit.parentId())) {
            return ReportingUnits.ROOT_ID;
        }
        return unit.parentId();
    }
}
