package dev.pulse.gateway.proxy;

import io.vertx.core.http.HttpMethod;

/**
 * When the gateway tries a second connection. Only for GET and HEAD, and only when no connection
 * could be made: then the upstream cannot have seen the request, and repeating it has no effect
 * beyond what the caller asked for. A POST is never repeated — a repeated ballot request or
 * submission is the caller's decision, not the gateway's.
 */
public final class RetryPolicy {

    private final int maxRetries;

    public RetryPolicy(int maxRetries) {
        this.maxRetries = Math.max(0, Math.min(maxRetries, 1));
    }

    /**
     * @param connectFailed  true when the failure happened while obtaining a connection
     * @param retriesSoFar   how many retries this request has already had
     */
    public boolean mayRetry(HttpMethod method, boolean connectFailed, int retriesSoFar) {
        boolean idempotentRead = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        return idempotentRead && connectFailed && retriesSoFar < maxRetries;
    }
}
