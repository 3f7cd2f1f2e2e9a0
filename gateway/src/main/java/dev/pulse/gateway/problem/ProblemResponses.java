package dev.pulse.gateway.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Writes a {@link Problem} to a Vert.x response, or resets the stream when the head is already out. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void send(HttpServerResponse response, Problem problem) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // Part of an upstream answer is already on the wire: a problem document now would be
            // spliced into it, so the only honest signal left is to break the stream.
            response.reset();
            return;
        }
        response.headers().clear();
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        problem.retryAfterHeader().ifPresent(seconds -> response.putHeader(HttpHeaders.RETRY_AFTER, seconds));
        response.end(problem.toJson().encode());
    }
}
