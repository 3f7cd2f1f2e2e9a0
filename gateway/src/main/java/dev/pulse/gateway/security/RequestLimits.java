package dev.pulse.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.pulse.gateway.problem.Problem;
import dev.pulse.gateway.problem.ProblemResponses;
import dev.pulse.gateway.problem.ProblemType;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.ext.web.Router;

/**
 * Over-long request targets and header blocks get a problem+json answer instead of the HTTP codec's empty 414/431.
 * The codec's own limits ({@code quarkus.http.limits.*}) are set well above these, so for every request up to
 * that hard ceiling it is this route that answers, with a body a client can act on.
 */
@ApplicationScoped
public class RequestLimits {

    /** Right after the security headers, before authentication, rate limits and the proxy. */
    static final int ROUTE_ORDER = SecurityHeaders.ROUTE_ORDER + 1;

    @ConfigMapping(prefix = "pulse.gateway.limits")
    public interface Config {
        /** No Pulse URL comes near this: ids are UUIDs and query parameters are short. */
        @WithDefault("4096")
        int maxUriLength();

        /** Bearer tokens and the session cookie fit easily; 16 KiB is what common proxies accept. */
        @WithDefault("16384")
        int maxHeaderBytes();
    }

    private final Config config;

    public RequestLimits(Config config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(rc -> {
            if (rc.request().uri().length() > config.maxUriLength()) {
                // The detail never echoes the target: it may be the anonymous route's.
                ProblemResponses.send(rc.response(), Problem.of(ProblemType.URI_TOO_LONG,
                        "The request target is longer than " + config.maxUriLength() + " characters."));
                return;
            }
            int headerBytes = 0;
            for (var h : rc.request().headers()) {
                headerBytes += h.getKey().length() + h.getValue().length() + 4;
            }
            if (headerBytes > config.maxHeaderBytes()) {
                ProblemResponses.send(rc.response(), Problem.of(ProblemType.HEADERS_TOO_LARGE,
                        "The request headers are larger than " + config.maxHeaderBytes() + " bytes."));
                return;
            }
            rc.next();
        });
    }
}
