package dev.pulse.gateway.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "pulse.gateway.rate-limit")
public interface RateLimitConfig {

    /** {@code POST /api/rounds/{id}/ballots}, one bucket per bearer subject (or token hash). */
    Bucket ballots();

    /** {@code /api/responses}: one bucket shared by everybody. */
    Bucket anonymous();

    interface Bucket {
        @WithDefault("true")
        boolean enabled();

        int capacity();

        double refillPerSecond();
    }
}
