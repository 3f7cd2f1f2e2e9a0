package dev.pulse.gateway.proxy;

import java.time.Duration;
import java.util.Optional;

import dev.pulse.gateway.anonymity.AnonymousSubmission;
import dev.pulse.gateway.problem.Problem;
import dev.pulse.gateway.problem.ProblemResponses;
import dev.pulse.gateway.problem.ProblemType;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * One proxied request, start to end, on the event loop of the caller's connection (Vert.x runs the
 * client callbacks on the context that issued them, so no state here is shared between threads).
 */
final class Exchange {

    private enum Phase {
        /** Waiting for the upstream's response head: a problem can still be sent. */
        WAITING,
        /** The upstream's head went out to the client: only a reset can signal failure now. */
        STREAMING,
        DONE
    }

    private final ApiProxy proxy;
    private final RoutingContext rc;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final ApiRoute route;
    private final Destination destination;
    private final CircuitBreaker breaker;
    private final long maxBody;

    private Phase phase = Phase.WAITING;
    private boolean breakerReported;
    private long timer = -1;
    private int retries;
    private long bodyBytes;
    private HttpClientRequest upstreamRequest;
    private final Optional<String> sessionAccessToken;

    Exchange(ApiProxy proxy, RoutingContext rc, ApiRoute route, Optional<String> sessionAccessToken) {
        this.sessionAccessToken = sessionAccessToken;
        this.proxy = proxy;
        this.rc = rc;
        this.request = rc.request();
        this.response = rc.response();
        this.route = route;
        this.destination = route.destination().orElseThrow();
        this.breaker = proxy.upstreams().breaker(destination);
        this.maxBody = proxy.config().maxBodySize().asLongValue();
    }

    void start() {
        Duration timeout = route.isAnonymous()
                ? proxy.config().anonymousTimeout()
                : proxy.upstreams().upstream(destination).timeout();
        timer = proxy.vertx().setTimer(Math.max(1, timeout.toMillis()), id -> {
            timer = -1;
            fail("timeout", true, Problem.of(ProblemType.UPSTREAM_TIMEOUT,
                    destination.serviceName() + " did not answer within " + timeout.toSeconds() + " s. "
                            + "A write may or may not have taken effect: check before repeating it "
                            + "(a repeated submission of a spent token is answered with 409)."));
        });
        rc.addEndHandler(ended -> {
            if (phase != Phase.DONE) {
                clientGone();
            }
        });
        connect();
    }

    private void connect() {
        // Each attempt (a connect retry too) goes to the next instance when the upstream has replicas.
        java.net.URI instance = proxy.upstreams().nextInstance(destination);
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(instance.getHost())
                .setPort(Upstreams.port(instance))
                .setURI(upstreamUri())
                .setHeaders(upstreamHeaders())
                .setIdleTimeout(proxy.upstreams().upstream(destination).idleTimeout().toMillis());
        proxy.upstreams().client(route).request(options).onComplete(connected -> guarded(() -> {
            if (phase != Phase.WAITING) {
                if (connected.succeeded()) {
                    connected.result().reset();
                }
                return;
            }
            if (connected.failed()) {
                if (proxy.retryPolicy().mayRetry(request.method(), true, retries)) {
                    retries++;
                    connect();
                    return;
                }
                Duration retryAfter = proxy.config().circuitBreaker().openDuration();
                fail("unavailable", true,
                        Problem.retryable(ProblemType.UPSTREAM_UNAVAILABLE, destination.serviceName()
                                + " cannot be reached right now. Retry after the time given in Retry-After.",
                                retryAfter));
                return;
            }
            upstreamRequest = connected.result();
            upstreamRequest.response().onComplete(answered -> guarded(() -> onResponse(answered)));
            sendBody();
        }));
    }

    /**
     * Callbacks run outside the router: an exception there would only reach Vert.x' uncaught
     * handler and leave the client hanging, so it ends the exchange here, without logging it.
     */
    private void guarded(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException unexpected) {
            proxy.metrics().outcome(route, "gateway_error");
            if (phase == Phase.WAITING) {
                fail("gateway_error", false, Problem.of(ProblemType.GATEWAY_ERROR,
                        "The gateway failed to handle this request. Try again; if it persists, tell the operators."));
            } else {
                phase = Phase.DONE;
                if (upstreamRequest != null) {
                    upstreamRequest.reset();
                }
                response.reset();
            }
        }
    }

    private String upstreamUri() {
        String base = proxy.upstreams().basePath(destination);
        if (route.isAnonymous()) {
            // The contract has no query on submissions; anything a client puts there would only end
            // up in survey-service's request logs next to the submission.
            return base + route.upstreamPath();
        }
        String query = request.query();
        return base + route.upstreamPath() + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    private MultiMap upstreamHeaders() {
        // Anonymous route: allow-list only (no cookie, credentials, client address, tracing or ids).
        if (route.isAnonymous()) {
            return AnonymousSubmission.upstreamRequestHeaders(request.headers());
        }
        MultiMap headers = ForwardedHeaders.upstreamRequestHeaders(request.headers());
        sessionAccessToken.ifPresent(token -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token));
        return headers;
    }

    private void sendBody() {
        long declared = ApiProxy.declaredLength(request);
        if (declared >= 0) {
            upstreamRequest.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(declared));
        } else if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || request.version() == HttpVersion.HTTP_2) {
            upstreamRequest.setChunked(true);
        }
        if (request.isEnded()) {
            upstreamRequest.end();
            return;
        }
        request.handler(buffer -> {
            if (phase == Phase.DONE) {
                return;
            }
            bodyBytes += buffer.length();
            if (bodyBytes > maxBody) {
                bodyTooLarge();
                return;
            }
            upstreamRequest.write(buffer);
            if (upstreamRequest.writeQueueFull()) {
                request.pause();
                upstreamRequest.drainHandler(drained -> request.resume());
            }
        });
        request.endHandler(ended -> {
            if (phase != Phase.DONE) {
                upstreamRequest.end();
            }
        });
        request.exceptionHandler(failure -> clientGone());
        request.resume();
    }

    private void onResponse(AsyncResult<HttpClientResponse> answered) {
        if (phase != Phase.WAITING) {
            return;
        }
        if (answered.failed()) {
            fail("bad_response", true, Problem.of(ProblemType.UPSTREAM_BAD_RESPONSE,
                    destination.serviceName() + " closed the connection or sent an invalid response. "
                            + "A write may or may not have taken effect: check before repeating it."));
            return;
        }
        HttpClientResponse upstream = answered.result();
        upstream.pause();
        cancelTimer();
        reportToBreaker(true);
        phase = Phase.STREAMING;

        response.setStatusCode(upstream.statusCode());
        if (upstream.statusMessage() != null) {
            response.setStatusMessage(upstream.statusMessage());
        }
        ForwardedHeaders.copyResponseHeaders(upstream.headers(), response.headers());
        if (route.isAnonymous()) {
            AnonymousSubmission.stripResponseHeaders(response.headers());
        }
        if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(upstream.statusCode())) {
            response.setChunked(true);
        }
        upstream.handler(buffer -> {
            response.write(buffer);
            if (response.writeQueueFull()) {
                upstream.pause();
                response.drainHandler(drained -> upstream.resume());
            }
        });
        upstream.endHandler(ended -> {
            phase = Phase.DONE;
            proxy.metrics().outcome(route, "forwarded");
            response.end();
        });
        upstream.exceptionHandler(failure -> {
            // Mid-body failure: the head is out, so a problem document is impossible; a reset tells
            // the client the answer is incomplete instead of letting a truncated body look whole.
            phase = Phase.DONE;
            proxy.metrics().outcome(route, "broken_stream");
            response.reset();
        });
        upstream.resume();
    }

    private boolean mayHaveBody(int status) {
        return !HttpMethod.HEAD.equals(request.method()) && status >= 200 && status != 204 && status != 304;
    }

    private void bodyTooLarge() {
        if (phase == Phase.WAITING) {
            fail("too_large", false, ApiProxy.tooLarge(maxBody));
        } else {
            phase = Phase.DONE;
            upstreamRequest.reset();
            response.reset();
        }
    }

    /** Answers with a problem, unless the answer is already underway. */
    private void fail(String outcome, boolean upstreamFault, Problem problem) {
        if (phase != Phase.WAITING) {
            return;
        }
        phase = Phase.DONE;
        cancelTimer();
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
        if (upstreamFault) {
            reportToBreaker(false);
        } else {
            abandonBreaker();
        }
        proxy.metrics().outcome(route, outcome);
        ApiProxy.discardBody(request, maxBody);
        ProblemResponses.send(response, problem);
    }

    private void clientGone() {
        Phase was = phase;
        phase = Phase.DONE;
        cancelTimer();
        if (upstreamRequest != null && was != Phase.DONE) {
            upstreamRequest.reset();
        }
        abandonBreaker();
    }

    /** The exchange ended for a reason that says nothing about the upstream's health. */
    private void abandonBreaker() {
        if (!breakerReported) {
            breakerReported = true;
            breaker.onAbandoned();
        }
    }

    private void reportToBreaker(boolean success) {
        if (breakerReported) {
            return;
        }
        breakerReported = true;
        if (success) {
            breaker.onSuccess();
        } else {
            breaker.onFailure();
        }
    }

    private void cancelTimer() {
        if (timer >= 0) {
            proxy.vertx().cancelTimer(timer);
            timer = -1;
        }
    }
}
