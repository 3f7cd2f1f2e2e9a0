package dev.pulse.gateway.proxy;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A deliberately small circuit breaker per upstream: after {@code failureThreshold} consecutive
 * failures it opens for {@code openDuration}, then lets exactly one trial through (half-open);
 * the trial's outcome closes or re-opens it. Only transport failures and timeouts count: a 5xx
 * answer proves the upstream is alive and is passed through unchanged.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** Called on state changes; used to log at upstream level, never per request. */
    public interface Listener {
        void onTransition(State from, State to);
    }

    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier nanoClock;
    private final Listener listener;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, Duration openDuration, LongSupplier nanoClock, Listener listener) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.openNanos = openDuration.toNanos();
        this.nanoClock = nanoClock;
        this.listener = listener;
    }

    /**
     * @return empty when the call may proceed (the caller must then report exactly one of
     *         {@link #onSuccess()}, {@link #onFailure()} or {@link #onAbandoned()}); otherwise the
     *         time until the circuit will let a trial through
     */
    public synchronized Optional<Duration> tryAcquire() {
        if (state == State.OPEN) {
            long waited = nanoClock.getAsLong() - openedAt;
            if (waited < openNanos) {
                return Optional.of(Duration.ofNanos(openNanos - waited));
            }
            transition(State.HALF_OPEN);
        }
        if (state == State.HALF_OPEN) {
            if (trialInFlight) {
                return Optional.of(Duration.ofSeconds(1));
            }
            trialInFlight = true;
        }
        return Optional.empty();
    }

    public synchronized void onSuccess() {
        consecutiveFailures = 0;
        trialInFlight = false;
        if (state != State.CLOSED) {
            transition(State.CLOSED);
        }
    }

    public synchronized void onFailure() {
        trialInFlight = false;
        consecutiveFailures++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFailures >= failureThreshold)) {
            openedAt = nanoClock.getAsLong();
            transition(State.OPEN);
        }
    }

    /** The call ended for a reason that says nothing about the upstream (client left, body too large). */
    public synchronized void onAbandoned() {
        trialInFlight = false;
    }

    public synchronized State state() {
        return state;
    }

    private void transition(State to) {
        State from = state;
        state = to;
        listener.onTransition(from, to);
    }
}
