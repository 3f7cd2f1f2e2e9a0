package dev.pulse.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpMethod;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(1);

    @Test
    void get_and_head_are_retried_once_after_a_failed_connect() {
        assertTrue(policy.mayRetry(HttpMethod.GET, true, 0));
        assertTrue(policy.mayRetry(HttpMethod.HEAD, true, 0));
        assertFalse(policy.mayRetry(HttpMethod.GET, true, 1));
    }

    @Test
    void writes_are_never_retried() {
        for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
            assertFalse(policy.mayRetry(method, true, 0), method.name());
        }
    }

    @Test
    void nothing_is_retried_once_the_upstream_may_have_seen_the_request() {
        assertFalse(policy.mayRetry(HttpMethod.GET, false, 0));
    }

    @Test
    void at_most_one_retry_whatever_the_configuration() {
        assertFalse(new RetryPolicy(5).mayRetry(HttpMethod.GET, true, 1));
        assertFalse(new RetryPolicy(0).mayRetry(HttpMethod.GET, true, 0));
    }
}
