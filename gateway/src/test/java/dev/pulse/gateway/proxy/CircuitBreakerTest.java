package dev.pulse.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final List<String> transitions = new ArrayList<>();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get,
            (from, to) -> transitions.add(from + "->" + to));

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertTrue(breaker.tryAcquire().isEmpty());
            breaker.onFailure();
        }
    }

    @Test
    void it_opens_after_the_threshold_of_consecutive_failures() {
        fail(2);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        fail(1);
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertEquals(Duration.ofSeconds(10), breaker.tryAcquire().orElseThrow());
    }

    @Test
    void a_success_resets_the_failure_count() {
        fail(2);
        breaker.tryAcquire();
        breaker.onSuccess();
        fail(2);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }

    @Test
    void after_the_open_duration_exactly_one_trial_is_let_through() {
        fail(3);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(Duration.ofSeconds(6), breaker.tryAcquire().orElseThrow());
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertTrue(breaker.tryAcquire().isEmpty());
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertTrue(breaker.tryAcquire().isPresent(), "a second caller waits for the trial");
    }

    @Test
    void a_successful_trial_closes_and_a_failed_one_reopens() {
        fail(3);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        breaker.tryAcquire();
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        breaker.tryAcquire();
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN", "OPEN->HALF_OPEN",
                "HALF_OPEN->CLOSED"), transitions);
    }

    @Test
    void an_abandoned_trial_frees_the_slot_for_the_next_caller() {
        fail(3);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        breaker.tryAcquire();
        breaker.onAbandoned();
        assertTrue(breaker.tryAcquire().isEmpty());
    }
}
