package dev.pulse.gateway.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.gateway.proxy.ApiRoute;
import io.vertx.core.http.HttpMethod;

/**
 * The gateway's rate limits. Neither looks at the client address: on the anonymous route the
 * gateway must not use it at all, and on the ballot route the person is the natural unit
 * (many employees share a factory's NAT address).
 */
@ApplicationScoped
public class RateLimits {

    private static final Pattern BALLOT_PATH = Pattern.compile("/api/rounds/[^/]+/ballots");
    /** Beyond this many buckets, full (idle) ones are dropped; they hold no information. */
    private static final int SWEEP_ABOVE = 10_000;

    private final RateLimitConfig config;
    private final TokenBucket anonymous;
    private final Map<String, TokenBucket> ballotsBySubject = new ConcurrentHashMap<>();

    public RateLimits(RateLimitConfig config) {
        this.config = config;
        // One global bucket: per-IP buckets would need the IP, which the anonymous route never reads.
        this.anonymous = new TokenBucket(config.anonymous().capacity(), config.anonymous().refillPerSecond(),
                System::nanoTime);
    }

    /**
     * @param authorization the effective Authorization (the caller's, or the one derived from its
     *                      browser session); ignored on the anonymous route
     * @return empty if the request may pass, else how long the caller should wait
     */
    public Optional<Duration> check(ApiRoute route, HttpMethod method, String authorization) {
        if (route.isAnonymous()) {
            return config.anonymous().enabled() ? anonymous.tryTake() : Optional.empty();
        }
        if (config.ballots().enabled() && route.kind() == ApiRoute.Kind.IDENTITY
                && HttpMethod.POST.equals(method) && BALLOT_PATH.matcher(route.upstreamPath()).matches()) {
            return ballotBucket(BearerKey.of(authorization)).tryTake();
        }
        return Optional.empty();
    }

    private TokenBucket ballotBucket(String key) {
        if (ballotsBySubject.size() > SWEEP_ABOVE) {
            ballotsBySubject.values().removeIf(TokenBucket::isFull);
        }
        return ballotsBySubject.computeIfAbsent(key, k -> new TokenBucket(
                config.ballots().capacity(), config.ballots().refillPerSecond(), System::nanoTime));
    }
}
