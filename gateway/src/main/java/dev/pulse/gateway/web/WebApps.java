package dev.pulse.gateway.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * The two web apps are static files under META-INF/resources (built from web/): the employee app at
 * {@code /} and the HR dashboard at {@code /hr}. {@code /hr} without a trailing slash is the address
 * people type; it serves the dashboard's page directly.
 */
@ApplicationScoped
public class WebApps {

    static final String DASHBOARD = "/hr";
    static final String DASHBOARD_PAGE = "/hr/index.html";

    void install(@Observes Router router) {
        router.getWithRegex(DASHBOARD + "/?").handler(rc -> rc.reroute(DASHBOARD_PAGE));
    }
}
