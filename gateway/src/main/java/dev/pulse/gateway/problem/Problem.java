package dev.pulse.gateway.problem;

import java.time.Duration;
import java.util.Optional;

import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem the gateway answers with. {@code detail} says what the caller can do;
 * it never echoes request data (path, headers, body), so a problem on the anonymous route
 * cannot carry anything identifying back into client-side logs or error trackers.
 */
public record Problem(ProblemType type, String detail, Optional<Duration> retryAfter) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type, detail, Optional.empty());
    }

    public static Problem retryable(ProblemType type, String detail, Duration retryAfter) {
        return new Problem(type, detail, Optional.of(retryAfter));
    }

    public int status() {
        return type.status();
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("type", type.type())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", detail);
    }

    /** Retry-After in whole seconds, rounded up, never 0 (0 would invite an immediate hammering retry). */
    public Optional<String> retryAfterHeader() {
        return retryAfter.map(d -> Long.toString(Math.max(1, (d.toMillis() + 999) / 1000)));
    }
}
