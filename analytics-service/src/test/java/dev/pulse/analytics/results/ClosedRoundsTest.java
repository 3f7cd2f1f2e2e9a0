package dev.pulse.analytics.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.analytics.aggregate.Histogram;
import dev.pulse.analytics.aggregate.RoundAggregates;
import dev.pulse.analytics.disclosure.MinGroupSize;
import dev.pulse.analytics.problem.ProblemException;
import dev.pulse.analytics.round.RoundVersion;
import dev.pulse.contracts.RoundEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache of closed rounds against a fake database whose data changes when a test says so. */
class ClosedRoundsTest {

    static final MinGroupSize K = new MinGroupSize(5);
    static final RoundEvent.Item CONTROL = new RoundEvent.Item("control.1@v1", "control", false);
    static final UUID CAMPAIGN = UUID.randomUUID();

    /** A campaign in a fake database: round events, counted respondents, and a revision per round. */
    static final class FakeSource implements ClosedRounds.Source {
        final Map<UUID, RoundEvent> rounds = new HashMap<>();
        final Map<UUID, Long> revisions = new HashMap<>();
        final Map<UUID, Map<String, Long>> respondents = new HashMap<>();
        final AtomicInteger loads = new AtomicInteger();
        /** Runs while a round's aggregates are being read: a late answer landing in the middle of a read. */
        Runnable duringLoad = () -> { };

        void publish(RoundEvent round) {
            rounds.put(round.roundId(), round);
            revisions.merge(round.roundId(), 1L, Long::sum);
        }

        /** A response counted for the round: one respondent and one control answer of 4 in the unit. */
        void count(UUID roundId, String unitId, int respondentsMore) {
            respondents.computeIfAbsent(roundId, r -> new HashMap<>()).merge(unitId, (long) respondentsMore, Long::sum);
        }

        @Override
        public Optional<RoundVersion.WithPrevious> versions(UUID roundId) {
            return Optional.ofNullable(rounds.get(roundId)).map(r -> new RoundVersion.WithPrevious(version(r),
                    rounds.values().stream().filter(p -> p.campaignId().equals(r.campaignId())
                            && p.sequence() == r.sequence() - 1).findFirst().map(this::version)));
        }

        private RoundVersion version(RoundEvent r) {
            long counted = respondents.getOrDefault(r.roundId(), Map.of()).values().stream().mapToLong(Long::longValue).sum();
            return new RoundVersion(r.roundId(), r.status(), r.closesAt(), revisions.get(r.roundId()), counted, r.responses());
        }

        @Override
        public Optional<RoundEvent> round(UUID roundId) {
            return Optional.ofNullable(rounds.get(roundId));
        }

        @Override
        public RoundAggregates counted(UUID roundId) {
            loads.incrementAndGet();
            Map<String, Long> now = Map.copyOf(respondents.getOrDefault(roundId, Map.of()));
            duringLoad.run();
            Map<String, Map<String, Histogram>> answers = new HashMap<>();
            now.forEach((unit, n) -> answers.put(unit, Map.of(CONTROL.itemId(), new Histogram(0, 0, 0, n, 0))));
            return new RoundAggregates(now, answers);
        }

        @Override
        public MinGroupSize k(RoundEvent round) {
            return K;
        }
    }

    static RoundEvent round(UUID id, int sequence, RoundEvent.Status status, List<RoundEvent.Unit> units) {
        return new RoundEvent(1, id, CAMPAIGN, sequence, status, 5, Instant.parse("2026-01-05T08:00:00Z"),
                Instant.parse("2026-01-10T08:00:00Z"), units, List.of(CONTROL));
    }

    static final List<RoundEvent.Unit> UNITS = List.of(
            new RoundEvent.Unit("prod", "/production", null, 10, "prod"),
            new RoundEvent.Unit("asm", "/production/assembly", "prod", 8, "asm"),
            new RoundEvent.Unit("maint", "/production/maintenance", "prod", 8, "maint"),
            new RoundEvent.Unit("log", "/logistics", null, 6, "log"));

    final FakeSource db = new FakeSource();
    final ClosedRounds cache = new ClosedRounds(db, 8);
    final UUID roundId = UUID.randomUUID();

    ClosedRoundsTest() {
        db.publish(round(roundId, 1, RoundEvent.Status.CLOSED, UNITS));
        db.count(roundId, "asm", 5);
        db.count(roundId, "maint", 6);
        db.count(roundId, "log", 4);
    }

    @Test
    void a_closed_round_is_computed_once_and_reused_while_nothing_changes() {
        RoundResults first = cache.closed(roundId).current();
        RoundResults second = cache.closed(roundId).current();
        assertSame(first, second);
        assertEquals(1, db.loads.get());
    }

    @Test
    void nothing_of_a_closed_round_is_shown_until_every_answer_survey_service_accepted_is_counted() {
        // Anonymity: a reading before the last answers arrive and one after would differ by those people's answers.
        UUID late = UUID.randomUUID();
        RoundEvent closed = round(late, 1, RoundEvent.Status.CLOSED, UNITS);
        db.publish(new RoundEvent(1, late, CAMPAIGN, 1, RoundEvent.Status.CLOSED, 5, closed.openedAt(), closed.closesAt(),
                UNITS, List.of(CONTROL), 16L));
        db.count(late, "asm", 5);
        db.count(late, "maint", 6);
        db.count(late, "log", 4);
        ProblemException counting = assertThrows(ProblemException.class, () -> cache.closed(late));
        assertEquals(409, counting.problem().status());
        assertTrue(counting.problem().type().toString().endsWith("/round-still-counting"), counting.problem().type().toString());
        db.count(late, "log", 1);
        assertTrue(cache.closed(late).current().isShown("log"), "all 16 counted: shown, with the 16th answer in it");
    }

    @Test
    void a_late_answer_after_close_is_seen_by_the_next_request_with_the_decision_made_again() {
        assertFalse(cache.closed(roundId).current().isShown("log"), "4 respondents");
        db.count(roundId, "log", 1);
        assertTrue(cache.closed(roundId).current().isShown("log"), "5 respondents now");
    }

    @Test
    void a_late_answer_can_also_hide_a_cell_that_was_shown_and_the_cache_follows() {
        // prod = asm 5 + maint 6, remainder 0: everything shown. One late answer from prod's own members makes the
        // remainder 1, so the smallest team below is hidden too; a cached "shown" must not survive that.
        assertTrue(cache.closed(roundId).current().isShown("asm"));
        db.count(roundId, "prod", 1);
        RoundResults after = cache.closed(roundId).current();
        assertFalse(after.isShown("asm"));
        assertTrue(after.isShown("prod"));
        assertEquals(after.isShown("asm"), RoundResults.of(db.rounds.get(roundId), db.counted(roundId), K).isShown("asm"));
    }

    @Test
    void data_that_changes_while_it_is_read_is_served_but_never_kept() {
        db.duringLoad = () -> db.count(roundId, "log", 1);
        ClosedRound served = cache.closed(roundId);
        assertFalse(served.stable());
        assertEquals(ClosedRounds.READ_ATTEMPTS, db.loads.get());
        db.duringLoad = () -> { };
        ClosedRound next = cache.closed(roundId);
        assertTrue(next.stable());
        assertEquals(ClosedRounds.READ_ATTEMPTS + 1, db.loads.get(), "the unstable read was not reused");
        // Derived views of an unstable read are not kept either.
        AtomicInteger computed = new AtomicInteger();
        cache.derived("view", served, r -> computed.incrementAndGet());
        cache.derived("view", served, r -> computed.incrementAndGet());
        assertEquals(2, computed.get());
    }

    @Test
    void data_read_while_a_late_answer_lands_is_kept_only_under_the_version_read_after_it() {
        db.duringLoad = new Runnable() {
            boolean once = true;

            @Override
            public void run() {
                if (once) {
                    once = false;
                    db.count(roundId, "log", 1);
                }
            }
        };
        ClosedRound served = cache.closed(roundId);
        assertTrue(served.stable());
        assertTrue(served.current().isShown("log"), "the second read has the late answer");
        assertEquals(5 + 6 + 5, served.version().counted());
    }

    @Test
    void a_derived_view_is_computed_once_per_version_of_the_round_and_of_its_predecessor() {
        UUID previous = UUID.randomUUID();
        db.publish(round(previous, 0, RoundEvent.Status.CLOSED, UNITS));
        db.count(previous, "asm", 5);
        AtomicInteger computed = new AtomicInteger();
        cache.derived("view", cache.closed(roundId), r -> computed.incrementAndGet());
        cache.derived("view", cache.closed(roundId), r -> computed.incrementAndGet());
        assertEquals(1, computed.get());
        db.count(previous, "asm", 1);
        cache.derived("view", cache.closed(roundId), r -> computed.incrementAndGet());
        assertEquals(2, computed.get(), "a late answer in the previous round changes the deltas");
        db.count(roundId, "asm", 1);
        cache.derived("view", cache.closed(roundId), r -> computed.incrementAndGet());
        assertEquals(3, computed.get());
    }

    @Test
    void the_previous_closed_round_comes_along_for_deltas_but_an_open_one_does_not() {
        UUID previous = UUID.randomUUID();
        db.publish(round(previous, 0, RoundEvent.Status.OPEN, UNITS));
        assertTrue(cache.closed(roundId).previous().isEmpty());
        db.publish(round(previous, 0, RoundEvent.Status.CLOSED, UNITS));
        assertEquals(previous, cache.closed(roundId).previous().orElseThrow().round().roundId());
    }

    @Test
    void a_round_reopened_after_its_results_were_cached_is_a_409_again() {
        cache.closed(roundId);
        db.publish(round(roundId, 1, RoundEvent.Status.OPEN, UNITS));
        ProblemException e = assertThrows(ProblemException.class, () -> cache.closed(roundId));
        assertEquals(409, e.problem().status());
        assertEquals("https://pulse.dev/problems/round-still-open", e.problem().type().toString());
    }

    @Test
    void a_republished_round_with_other_units_is_computed_again() {
        assertTrue(cache.closed(roundId).current().tree().contains("maint"));
        db.publish(round(roundId, 1, RoundEvent.Status.CLOSED, UNITS.subList(0, 2)));
        assertNull(cache.closed(roundId).current().tree().unit("maint").unitPath(),
                "maint is no longer a unit of the round, only a counted id");
    }

    @Test
    void an_unknown_round_is_a_404() {
        ProblemException e = assertThrows(ProblemException.class, () -> cache.closed(UUID.randomUUID()));
        assertEquals(404, e.problem().status());
    }

    @Test
    void with_no_room_nothing_is_kept_and_every_request_computes_afresh() {
        ClosedRounds uncached = new ClosedRounds(db, 0);
        uncached.closed(roundId);
        uncached.closed(roundId);
        assertEquals(2, db.loads.get());
    }
}
