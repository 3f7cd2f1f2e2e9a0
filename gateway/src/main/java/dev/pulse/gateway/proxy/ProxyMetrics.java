package dev.pulse.gateway.proxy;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Outcome counters per route label. Counts only — no timestamps per request, no paths, no ids —
 * so the metrics store cannot become a log of who sent what when.
 */
@ApplicationScoped
public class ProxyMetrics {

    private final MeterRegistry registry;

    public ProxyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void outcome(ApiRoute route, String outcome) {
        registry.counter("pulse.gateway.proxy.outcomes", "route", route.label(), "outcome", outcome).increment();
    }
}
