package dev.pulse.gateway.proxy;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows the circuit state per upstream but stays UP: a gateway whose upstream is down still does
 * its job (answering with 503 problems); taking it out of rotation would only turn those into
 * connection errors.
 */
@Readiness
@ApplicationScoped
public class UpstreamCircuitsCheck implements HealthCheck {

    private final Upstreams upstreams;

    public UpstreamCircuitsCheck(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("upstream circuits").up();
        for (Destination destination : Destination.values()) {
            builder.withData(destination.serviceName(), upstreams.breaker(destination).state().name());
        }
        return builder.build();
    }
}
