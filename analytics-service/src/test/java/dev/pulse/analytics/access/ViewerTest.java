package dev.pulse.analytics.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.contracts.RoundEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewerTest {

    static RoundEvent.Unit unit(String path) {
        return new RoundEvent.Unit(path, path, null, 10, path);
    }

    @Test
    void hr_sees_every_unit_even_one_without_a_path() {
        Viewer hr = Viewer.of(List.of("hr", "employee"), List.of(), List.of("/administration/hr"));
        assertTrue(hr.maySee(unit("/production")));
        assertTrue(hr.maySee(new RoundEvent.Unit("x", null, null, 0, "x")));
        assertTrue(hr.seesOrganisationViews());
    }

    @Test
    void a_manager_sees_the_managed_subtree_by_whole_path_segments_and_their_own_unit() {
        Viewer manager = Viewer.of(List.of("manager", "employee"), List.of("/production"), List.of("/production"));
        assertTrue(manager.maySee(unit("/production")));
        assertTrue(manager.maySee(unit("/production/assembly")));
        assertFalse(manager.maySee(unit("/production-planning")), "a name prefix is not a subtree");
        assertFalse(manager.maySee(unit("/logistics")));
        assertFalse(manager.maySee(new RoundEvent.Unit("x", null, null, 0, "x")));
        assertTrue(manager.seesOrganisationViews());
    }

    @Test
    void an_employee_sees_only_the_units_they_belong_to() {
        Viewer employee = Viewer.of(List.of("employee"), List.of("/production"), List.of("/production/assembly"));
        assertTrue(employee.maySee(unit("/production/assembly")));
        assertFalse(employee.maySee(unit("/production")), "a manages claim without the manager role counts for nothing");
        assertFalse(employee.maySee(unit("/production/assembly/line-1")));
        assertFalse(employee.seesOrganisationViews());
    }

    @Test
    void someone_without_any_pulse_role_sees_nothing() {
        Viewer nobody = Viewer.of(List.of("offline_access"), List.of("/production"), List.of("/production"));
        assertFalse(nobody.maySee(unit("/production")));
        assertFalse(nobody.seesOrganisationViews());
    }
}
