package dev.pulse.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void a_full_bucket_allows_a_burst_of_its_capacity_then_says_how_long_to_wait() {
        TokenBucket bucket = new TokenBucket(3, 0.5, now::get);
        for (int i = 0; i < 3; i++) {
            assertTrue(bucket.tryTake().isEmpty());
        }
        assertEquals(Duration.ofSeconds(2), bucket.tryTake().orElseThrow());
    }

    @Test
    void tokens_come_back_at_the_refill_rate_up_to_the_capacity() {
        TokenBucket bucket = new TokenBucket(2, 1, now::get);
        bucket.tryTake();
        bucket.tryTake();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(bucket.tryTake().isEmpty());
        assertTrue(bucket.tryTake().isPresent());
        now.addAndGet(Duration.ofHours(1).toNanos());
        assertTrue(bucket.isFull());
        bucket.tryTake();
        bucket.tryTake();
        assertTrue(bucket.tryTake().isPresent());
    }
}
