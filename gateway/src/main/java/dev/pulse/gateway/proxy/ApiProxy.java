package dev.pulse.gateway.proxy;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.pulse.gateway.anonymity.AnonymousSubmission;
import dev.pulse.gateway.problem.Problem;
import dev.pulse.gateway.problem.ProblemResponses;
import dev.pulse.gateway.problem.ProblemType;
import dev.pulse.gateway.security.BrowserSession;
import dev.pulse.gateway.security.RateLimits;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The reverse proxy for {@code /api/**}: resolves the route, applies rate limits, the body limit
 * and the circuit breaker, then streams the exchange through an {@link Exchange}. Nothing here
 * logs per request; outcomes are counted in {@link ProxyMetrics}.
 */
@ApplicationScoped
public class ApiProxy {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ApiProxy.class);

    static final Problem SIGN_IN_UNAVAILABLE = Problem.retryable(ProblemType.SIGN_IN_UNAVAILABLE,
            "Your browser session cannot be checked because the sign-in service is unreachable. "
                    + "Retry after the time given in Retry-After.", Duration.ofSeconds(10));

    private final Vertx vertx;
    private final ProxyConfig config;
    private final Upstreams upstreams;
    private final RateLimits rateLimits;
    private final ProxyMetrics metrics;
    private final ApiRoutes routes;
    private final RetryPolicy retryPolicy;
    private final BrowserSession browserSession;

    public ApiProxy(Vertx vertx, ProxyConfig config, Upstreams upstreams, RateLimits rateLimits,
            ProxyMetrics metrics, BrowserSession browserSession) {
        this.browserSession = browserSession;
        this.vertx = vertx;
        this.config = config;
        this.upstreams = upstreams;
        this.rateLimits = rateLimits;
        this.metrics = metrics;
        this.routes = new ApiRoutes(config.surveyResources());
        this.retryPolicy = new RetryPolicy(config.connectRetries());
    }

    void install(@Observes Router router) {
        router.routeWithRegex(ApiRoutes.API_PATH_REGEX)
                .handler(this::handle)
                .failureHandler(this::handleFailure);
    }

    /**
     * Our own last resort for {@code /api}: Quarkus' default error handler would log
     * "HTTP Request to /api/responses?... failed" — path, query and all — for any unexpected
     * exception, which is exactly the log line the anonymous route must never produce.
     */
    void handleFailure(RoutingContext rc) {
        ApiRoute route = routes.resolve(rc.normalizedPath());
        if (!route.isAnonymous() && rc.failure() != null) {
            LOG.errorf(rc.failure(), "gateway failure on a %s route", route.label());
        }
        metrics.outcome(route, "gateway_error");
        discardBody(rc.request(), config.maxBodySize().asLongValue());
        ProblemResponses.send(rc.response(), Problem.of(ProblemType.GATEWAY_ERROR,
                "The gateway failed to handle this request. Try again; if it persists, tell the operators."));
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        // Hold the body until we know where it goes; nothing of it may be lost or read twice.
        request.pause();
        ApiRoute route = routes.resolve(rc.normalizedPath());
        if (route.isAnonymous()) {
            // Strip at the very last moment, so a cookie added by any gateway handler (e.g. an OIDC
            // session refresh) cannot reach the submitting browser either.
            rc.addHeadersEndHandler(v -> AnonymousSubmission.stripResponseHeaders(rc.response().headers()));
        }
        if (route.kind() == ApiRoute.Kind.UNKNOWN) {
            reject(rc, route, "not_found", Problem.of(ProblemType.NOT_FOUND,
                    "There is no API at this path. The available resources are listed in the Pulse REST contract."));
            return;
        }
        long maxBody = config.maxBodySize().asLongValue();
        if (declaredLength(request) > maxBody) {
            reject(rc, route, "too_large", tooLarge(maxBody));
            return;
        }
        // Never on the anonymous route: reading the session there would tell the gateway (and, on a
        // token refresh, Keycloak) who is submitting, even if nothing of it were forwarded.
        if (!route.isAnonymous() && browserSession.wantsSessionToken(request)) {
            Context context = Vertx.currentContext();
            browserSession.accessToken(rc).subscribe().with(
                    token -> context.runOnContext(ignored -> guarded(rc, route, () -> forward(rc, route, token))),
                    failure -> context.runOnContext(ignored -> {
                        if (BrowserSession.isProviderUnavailable(failure)) {
                            reject(rc, route, "sign_in_unavailable", SIGN_IN_UNAVAILABLE);
                        } else {
                            rc.fail(failure);
                        }
                    }));
            return;
        }
        forward(rc, route, Optional.empty());
    }

    private void forward(RoutingContext rc, ApiRoute route, Optional<String> sessionAccessToken) {
        if (sessionAccessToken.isPresent() && !BrowserSession.isSameOriginWrite(rc.request())) {
            reject(rc, route, "cross_origin", Problem.of(ProblemType.CROSS_ORIGIN_WRITE,
                    "A write authenticated by the browser session must come from the Pulse web app itself."));
            return;
        }
        // After session resolution, so a browser's ballot requests count against its own subject.
        String authorization = sessionAccessToken.map(token -> "Bearer " + token)
                .orElse(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
        Optional<Duration> rateLimited = rateLimits.check(route, rc.request().method(), authorization);
        if (rateLimited.isPresent()) {
            reject(rc, route, "rate_limited", Problem.retryable(ProblemType.RATE_LIMITED,
                    "Too many requests. Wait for the time given in Retry-After, then try again.",
                    rateLimited.get()));
            return;
        }
        Destination destination = route.destination().orElseThrow();
        Optional<Duration> circuitOpen = upstreams.breaker(destination).tryAcquire();
        if (circuitOpen.isPresent()) {
            reject(rc, route, "circuit_open", Problem.retryable(ProblemType.UPSTREAM_CIRCUIT_OPEN,
                    destination.serviceName() + " failed repeatedly and is not being called for a moment. "
                            + "Retry after the time given in Retry-After.",
                    circuitOpen.get()));
            return;
        }
        new Exchange(this, rc, route, sessionAccessToken).start();
    }

    private static void guarded(RoutingContext rc, ApiRoute route, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException unexpected) {
            rc.fail(unexpected);
        }
    }

    private void reject(RoutingContext rc, ApiRoute route, String outcome, Problem problem) {
        metrics.outcome(route, outcome);
        discardBody(rc.request(), config.maxBodySize().asLongValue());
        ProblemResponses.send(rc.response(), problem);
    }

    static Problem tooLarge(long maxBody) {
        return Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + maxBody + " bytes, the limit for this API.");
    }

    /**
     * Reads and drops the rest of a body we answered early, so the keep-alive connection stays
     * usable and the client gets our answer instead of a reset; a client that keeps sending far
     * beyond the limit loses the connection.
     */
    static void discardBody(HttpServerRequest request, long maxBody) {
        if (request.isEnded()) {
            return;
        }
        long cap = Math.max(maxBody, 1) * 16;
        long[] seen = {0};
        request.handler(buffer -> {
            seen[0] += buffer.length();
            if (seen[0] > cap) {
                request.connection().close();
            }
        });
        request.exceptionHandler(ignored -> {
        });
        request.endHandler(ignored -> {
        });
        request.resume();
    }

    static long declaredLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException invalid) {
            // Vert.x' decoder refuses malformed lengths before we get here; treat as oversize if not.
            return Long.MAX_VALUE;
        }
    }

    Vertx vertx() {
        return vertx;
    }

    ProxyConfig config() {
        return config;
    }

    Upstreams upstreams() {
        return upstreams;
    }

    ProxyMetrics metrics() {
        return metrics;
    }

    RetryPolicy retryPolicy() {
        return retryPolicy;
    }
}
