package dev.pulse.analytics.disclosure;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** The configured k, checked when the service starts so a bad value stops it instead of leaking. */
@Startup
@ApplicationScoped
public class DisclosurePolicy {

    private final MinGroupSize configured;

    public DisclosurePolicy(DisclosureConfig config) {
        this.configured = new MinGroupSize(config.minGroupSize());
    }

    /** The k for a round: never lower than configured, higher if the round was opened with a higher k. */
    public MinGroupSize forRound(int roundMinGroupSize) {
        return configured.atLeast(roundMinGroupSize);
    }
}
