package dev.pulse.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;

/**
 * Security headers on every response of the gateway — proxied, problem, health, 404 — set when
 * the head is written, so they also override whatever an upstream may have sent.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Before every other route, so even responses produced by Quarkus' own handlers carry them. */
    static final int ROUTE_ORDER = Integer.MIN_VALUE + 100;

    private final SecurityHeadersConfig config;

    public SecurityHeaders(SecurityHeadersConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(rc -> {
            rc.addHeadersEndHandler(v -> apply(rc.response().headers()));
            rc.next();
        });
    }

    public void apply(MultiMap headers) {
        headers.set("Content-Security-Policy", config.contentSecurityPolicy());
        // No Referer from our pages: a survey URL must not leak to third parties or into their logs.
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Permissions-Policy", config.permissionsPolicy());
        if (config.hsts()) {
            headers.set("Strict-Transport-Security", config.hstsValue());
        } else {
            headers.remove("Strict-Transport-Security");
        }
    }
}
