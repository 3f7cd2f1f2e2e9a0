package dev.pulse.survey.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class OrgSnapshotsTest {
    private static final String PERSON = "5f0c1d2e-person-subject-id";

    private static OrgSnapshot org(String unitId) {
        return new OrgSnapshot(List.of(new OrgSnapshot.Unit(unitId, "/" + unitId, null)), Map.of(PERSON, Set.of(unitId)));
    }

    /** A directory that answers with what the test says, or fails like an unreachable Keycloak. */
    private static final class FakeDirectory implements Directory {
        OrgSnapshot answer;
        int reads;

        @Override
        public OrgSnapshot snapshot() {
            reads++;
            if (answer == null) {
                throw new DirectoryUnavailableException("Keycloak directory unreadable: Connection refused", null);
            }
            return answer;
        }
    }

    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-03-02T07:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final FakeDirectory directory = new FakeDirectory();
    private final TestClock clock = new TestClock();
    private final OrgSnapshots snapshots = new OrgSnapshots(directory, clock);

    @Test
    void a_refresh_replaces_the_snapshot_and_its_age_counts_from_when_the_read_began() {
        directory.answer = org("production");
        assertTrue(snapshots.refresh());
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertEquals(Duration.ofMinutes(4), snapshots.age().orElseThrow());
        directory.answer = org("logistics");
        assertTrue(snapshots.refresh());
        assertEquals("logistics", snapshots.latest().units().get(0).id());
        assertEquals(Duration.ZERO, snapshots.age().orElseThrow());
    }

    @Test
    void keycloak_down_during_a_refresh_keeps_the_last_good_snapshot() {
        directory.answer = org("production");
        snapshots.refresh();
        OrgSnapshot good = snapshots.latest();
        directory.answer = null;
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertFalse(snapshots.refresh());
        assertSame(good, snapshots.latest(), "validation goes on with the last good snapshot");
        assertEquals(Duration.ofMinutes(5), snapshots.age().orElseThrow(), "and its age keeps growing");
        assertTrue(snapshots.lastFailure().orElseThrow().contains("Connection refused"));
    }

    @Test
    void an_empty_organisation_is_never_taken_for_a_real_one() {
        directory.answer = org("production");
        snapshots.refresh();
        directory.answer = new OrgSnapshot(List.of(), Map.of());
        clock.now = clock.now.plusSeconds(1);
        assertFalse(snapshots.refresh());
        assertEquals("production", snapshots.latest().units().get(0).id());
        assertThrows(Directory.DirectoryUnavailableException.class, () -> snapshots.readSince(clock.now),
                "a round never opens with an empty organisation");
    }

    @Test
    void opening_a_round_never_uses_a_snapshot_older_than_the_opening_even_if_one_is_kept() {
        directory.answer = org("production");
        snapshots.refresh();
        clock.now = clock.now.plusSeconds(60);
        directory.answer = null;
        assertThrows(Directory.DirectoryUnavailableException.class, () -> snapshots.readSince(clock.now),
                "Keycloak down at opening: the opening fails rather than use the minute-old snapshot");
        directory.answer = org("logistics");
        assertEquals("logistics", snapshots.readSince(clock.now).units().get(0).id());
    }

    @Test
    void rounds_due_in_one_scheduler_pass_share_one_read_made_during_the_pass() {
        directory.answer = org("production");
        Instant passStarted = clock.now;
        snapshots.readSince(passStarted);
        snapshots.readSince(passStarted);
        assertEquals(1, directory.reads);
        snapshots.readSince(passStarted.plusMillis(1));
        assertEquals(2, directory.reads, "a later opening reads again");
    }

    @Test
    void without_any_snapshot_and_with_keycloak_down_validation_fails_clearly() {
        assertFalse(snapshots.refresh());
        assertTrue(snapshots.age().isEmpty());
        assertThrows(Directory.DirectoryUnavailableException.class, snapshots::latest);
    }

    @Test
    void the_refresh_warning_names_no_person() {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(OrgSnapshots.class.getName());
        logger.addHandler(capture);
        try {
            directory.answer = org("production");
            snapshots.refresh();
            directory.answer = null;
            snapshots.refresh();
        } finally {
            logger.removeHandler(capture);
        }
        assertFalse(records.isEmpty(), "the failed refresh is logged");
        records.forEach(r -> assertFalse(String.valueOf(r.getMessage()).contains(PERSON)
                || String.valueOf(java.util.Arrays.toString(r.getParameters())).contains(PERSON), r.getMessage()));
    }
}
