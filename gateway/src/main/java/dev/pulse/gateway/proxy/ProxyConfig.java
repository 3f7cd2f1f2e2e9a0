package dev.pulse.gateway.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the upstreams are and how patiently the gateway talks to them. */
@ConfigMapping(prefix = "pulse.gateway.proxy")
public interface ProxyConfig {

    Upstream survey();

    Upstream analytics();

    /** Time until survey-service answers a submission on the anonymous route. */
    @WithDefault("10s")
    Duration anonymousTimeout();

    /** First path segments under {@code /api} that belong to survey-service. */
    @WithDefault("me,rounds,responses,campaigns")
    Set<String> surveyResources();

    /** Largest request body accepted on {@code /api}; the contract's bodies are a few KiB. */
    @WithDefault("64K")
    MemorySize maxBodySize();

    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * Keep-alive connections per upstream instance and pool. Vert.x's default of 5 would cap the anonymous route at
     * 5 submissions in flight per survey-service instance, far below a 09:00 burst.
     */
    @WithDefault("64")
    int maxConnectionsPerInstance();

    /** Retries after a failed connect, only for GET and HEAD. */
    @WithDefault("1")
    int connectRetries();

    CircuitBreakerConfig circuitBreaker();

    interface Upstream {
        /** Base URL, e.g. {@code http://${PULSE_HOST}:${SURVEY_PORT}}. */
        URI url();

        /**
         * Further instances of the same service (same base path), e.g. {@code ./pulse up --scale 2}; requests are
         * spread round-robin over {@link #url()} and these. Unset in Kubernetes, where the Service balances.
         */
        Optional<List<URI>> replicas();

        /** Time until the upstream's response head arrives. */
        @WithDefault("10s")
        Duration timeout();

        /** Longest pause inside a streamed body before the exchange is given up. */
        @WithDefault("30s")
        Duration idleTimeout();
    }

    interface CircuitBreakerConfig {
        /** Consecutive transport failures or timeouts that open the circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit fails fast before one trial request is let through. */
        @WithDefault("10s")
        Duration openDuration();
    }
}
