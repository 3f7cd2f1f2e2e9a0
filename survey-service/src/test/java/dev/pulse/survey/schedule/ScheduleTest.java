package dev.pulse.survey.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String MONDAY_NINE = "0 0 9 ? * MON";

    /** Ticks a scheduler every {@code step} from {@code from} to {@code to}; returns the fire times it opened. */
    private static List<Instant> simulate(String cron, ZoneId zone, Instant from, Instant to, Duration step) {
        List<Instant> opened = new ArrayList<>();
        Instant reference = from;
        for (Instant now = from; !now.isAfter(to); now = now.plus(step)) {
            Optional<Instant> due = Schedule.due(cron, zone, reference, now);
            if (due.isPresent()) {
                opened.add(due.get());
                reference = due.get();
            }
        }
        return opened;
    }

    @Test
    void monday_nine_oclock_berlin_stays_nine_oclock_local_across_the_spring_dst_change() {
        List<Instant> fired = simulate(MONDAY_NINE, BERLIN, Instant.parse("2026-03-20T00:00:00Z"),
                Instant.parse("2026-04-07T00:00:00Z"), Duration.ofMinutes(5));
        assertEquals(List.of(Instant.parse("2026-03-23T08:00:00Z"), Instant.parse("2026-03-30T07:00:00Z"),
                Instant.parse("2026-04-06T07:00:00Z")), fired);
    }

    @Test
    void a_daily_schedule_inside_the_skipped_or_doubled_dst_hour_fires_at_most_once_per_local_day() {
        for (String window : List.of("2026-03-27T00:00:00Z/2026-03-31T00:00:00Z", "2026-10-23T00:00:00Z/2026-10-27T00:00:00Z")) {
            String[] w = window.split("/");
            List<Instant> fired = simulate("0 30 2 * * ?", BERLIN, Instant.parse(w[0]), Instant.parse(w[1]), Duration.ofMinutes(1));
            var days = new HashSet<LocalDate>();
            fired.forEach(t -> assertTrue(days.add(t.atZone(BERLIN).toLocalDate()), "twice on one day: " + fired));
            assertTrue(fired.size() >= 3, "still fires on the other days: " + fired);
        }
    }

    @Test
    void the_same_wall_clock_time_in_another_zone_is_another_instant() {
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        Instant after = Instant.parse("2026-05-31T12:00:00Z");
        assertEquals(Optional.of(Instant.parse("2026-06-01T07:00:00Z")), Schedule.due("0 0 9 * * ?", BERLIN, after, now));
        assertEquals(Optional.of(Instant.parse("2026-06-01T09:00:00Z")), Schedule.due("0 0 9 * * ?", ZoneId.of("UTC"), after, now));
    }

    @Test
    void after_downtime_a_missed_schedule_opens_late_once_and_never_twice() {
        Instant lastRound = Instant.parse("2026-01-05T08:00:00Z"); // a Monday 09:00 Berlin
        Instant backAfterThreeWeeks = Instant.parse("2026-01-28T10:00:00Z");
        Optional<Instant> due = Schedule.due(MONDAY_NINE, BERLIN, lastRound, backAfterThreeWeeks);
        assertEquals(Optional.of(Instant.parse("2026-01-26T08:00:00Z")), due, "only the latest missed fire time");
        assertEquals(Optional.empty(), Schedule.due(MONDAY_NINE, BERLIN, due.get(), backAfterThreeWeeks.plusSeconds(60)));
    }

    @Test
    void every_second_monday_fires_every_fourteen_days() {
        List<Instant> fired = simulate("0 0 9 ? * MON#2,MON#4", BERLIN, Instant.parse("2026-09-01T00:00:00Z"),
                Instant.parse("2026-10-01T00:00:00Z"), Duration.ofMinutes(30));
        assertEquals(List.of(Instant.parse("2026-09-14T07:00:00Z"), Instant.parse("2026-09-28T07:00:00Z")), fired);
    }

    @Test
    void nothing_is_due_before_the_first_fire_time_or_exactly_at_the_reference() {
        Instant fire = Instant.parse("2026-03-23T08:00:00Z");
        assertEquals(Optional.empty(), Schedule.due(MONDAY_NINE, BERLIN, fire.minusSeconds(60), fire.minusSeconds(1)));
        assertEquals(Optional.of(fire), Schedule.due(MONDAY_NINE, BERLIN, fire.minusSeconds(60), fire));
        assertEquals(Optional.empty(), Schedule.due(MONDAY_NINE, BERLIN, fire, fire.plusSeconds(30)));
    }

    @Test
    void invalid_cron_expressions_are_refused() {
        for (String bad : List.of("every monday", "0 0 9 * * MON", "61 0 9 ? * MON", "")) {
            assertThrows(IllegalArgumentException.class, () -> Schedule.validate(bad), bad);
        }
    }
}
