package dev.pulse.analytics.results;

import dev.pulse.analytics.aggregate.AggregateStore;
import dev.pulse.analytics.aggregate.RoundAggregates;
import dev.pulse.analytics.disclosure.DisclosurePolicy;
import dev.pulse.analytics.disclosure.MinGroupSize;
import dev.pulse.analytics.problem.ProblemException;
import dev.pulse.analytics.round.RoundStore;
import dev.pulse.analytics.round.RoundVersion;
import dev.pulse.contracts.RoundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The results of closed rounds, computed once per {@link RoundVersion} and reused while that version is
 * current. Every request first reads the round's version (one small query); a cached decision is used only
 * if it was computed from exactly that version, so a late answer counted after the round closed, a
 * re-published or re-opened round, or a write by another analytics instance is seen by the very next
 * request. Nothing is ever shown that the disclosure rule would not show for the data as it is now.
 */
@ApplicationScoped
public class ClosedRounds {

    /** How often a round whose data changes while it is being read is re-read before it is served uncached. */
    static final int READ_ATTEMPTS = 3;

    /** Where versions and the data behind them come from: the database, or a fake in unit tests. */
    interface Source {
        Optional<RoundVersion.WithPrevious> versions(UUID roundId);

        Optional<RoundEvent> round(UUID roundId);

        RoundAggregates counted(UUID roundId);

        MinGroupSize k(RoundEvent round);
    }

    private record Computed(RoundVersion version, RoundResults results, boolean stable) {
    }

    private record DerivedKey(Object view, ClosedRound.Key round) {
    }

    private final Source source;
    private final Lru<UUID, Computed> results;
    private final Lru<DerivedKey, Object> derived;

    @Inject
    public ClosedRounds(RoundStore rounds, AggregateStore aggregates, DisclosurePolicy policy, ResultsConfig config) {
        this(new Source() {
            @Override
            public Optional<RoundVersion.WithPrevious> versions(UUID roundId) {
                return rounds.versionWithPrevious(roundId);
            }

            @Override
            public Optional<RoundEvent> round(UUID roundId) {
                return rounds.find(roundId);
            }

            @Override
            public RoundAggregates counted(UUID roundId) {
                return aggregates.load(roundId);
            }

            @Override
            public MinGroupSize k(RoundEvent round) {
                return policy.forRound(round.minGroupSize());
            }
        }, config.cachedRounds());
    }

    ClosedRounds(Source source, int cachedRounds) {
        this.source = source;
        this.results = new Lru<>(2 * cachedRounds);
        // Several views per round (rows, and the JSON for each set of units shown to someone).
        this.derived = new Lru<>(4 * cachedRounds);
    }

    /**
     * The results of a closed round and of its previous round.
     *
     * @throws ProblemException 404 for an unknown round, 409 while the round is open or its last answers are still
     *                           being counted (nobody sees anything then)
     */
    public ClosedRound closed(UUID roundId) {
        RoundVersion.WithPrevious versions = source.versions(roundId).orElseThrow(ResultsService::roundNotFound);
        Computed current = current(versions.round());
        Optional<Computed> previous = versions.previous().filter(RoundVersion::isSettled).map(this::currentOrNothing)
                .flatMap(Function.identity());
        return new ClosedRound(current.version(), current.results(), previous.map(Computed::version),
                previous.map(Computed::results), current.stable() && previous.map(Computed::stable).orElse(true));
    }

    /**
     * A view derived from a closed round (e.g. its heatmap rows), computed once per pair of versions.
     *
     * @param view names the view and everything besides the round it depends on (by value: a record), e.g. the
     *             units a viewer is shown; two equal names must always compute the same view
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Object view, ClosedRound round, Function<ClosedRound, T> compute) {
        if (!round.stable()) {
            return compute.apply(round);
        }
        DerivedKey key = new DerivedKey(view, round.key());
        Object hit = derived.get(key);
        if (hit != null) {
            return (T) hit;
        }
        T computed = compute.apply(round);
        derived.put(key, computed);
        return computed;
    }

    private Optional<Computed> currentOrNothing(RoundVersion previous) {
        try {
            return Optional.of(current(previous));
        } catch (ProblemException e) {
            // The previous round vanished or was re-opened meanwhile: then there is simply nothing to compare with.
            return Optional.empty();
        }
    }

    private Computed current(RoundVersion version) {
        requireClosed(version);
        Computed hit = results.get(version.roundId());
        if (hit != null && hit.version().equals(version)) {
            return hit;
        }
        RoundVersion expected = version;
        RoundResults computed = null;
        for (int attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
            computed = compute(expected.roundId());
            // The version is read before and after the data: only if both agree does the data belong to that
            // version, and only then may it be reused. Data read between two changes is served once, never kept.
            RoundVersion after = source.versions(expected.roundId()).map(RoundVersion.WithPrevious::round)
                    .orElseThrow(ResultsService::roundNotFound);
            requireClosed(after);
            if (after.equals(expected)) {
                Computed stable = new Computed(after, computed, true);
                results.put(after.roundId(), stable);
                return stable;
            }
            expected = after;
        }
        return new Computed(expected, computed, false);
    }

    private RoundResults compute(UUID roundId) {
        RoundEvent round = source.round(roundId).orElseThrow(ResultsService::roundNotFound);
        // The round event read here could already be newer than the version; the check after reading decides.
        if (round.status() != RoundEvent.Status.CLOSED) {
            throw stillOpen(round.closesAt());
        }
        return RoundResults.of(round, source.counted(roundId), source.k(round));
    }

    private static void requireClosed(RoundVersion version) {
        if (!version.isClosed()) {
            throw stillOpen(version.closesAt());
        }
        if (!version.isSettled()) {
            throw stillCounting();
        }
    }

    static ProblemException stillCounting() {
        return ProblemException.conflict("round-still-counting", "Round still being counted",
                "The round has closed and its last answers are being counted; results follow within seconds. Try again.");
    }

    static ProblemException stillOpen(java.time.Instant closesAt) {
        return ProblemException.conflict("round-still-open", "Round still open",
                "Results are shown only after the round has closed; try again after " + closesAt + ".");
    }

    /** A small least-recently-used map; capacity 0 keeps nothing. */
    static final class Lru<K, V> {
        private final int capacity;
        private final Map<K, V> entries;

        Lru(int capacity) {
            this.capacity = capacity;
            this.entries = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                    return size() > Lru.this.capacity;
                }
            };
        }

        synchronized V get(K key) {
            return entries.get(key);
        }

        synchronized void put(K key, V value) {
            if (capacity > 0) {
                entries.put(key, value);
            }
        }

        synchronized int size() {
            return entries.size();
        }
    }
}
