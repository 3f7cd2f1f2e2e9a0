package dev.pulse.analytics.disclosure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "pulse.disclosure")
public interface DisclosureConfig {

    /** k; validated at startup by {@link DisclosurePolicy} (at least {@value MinGroupSize#LOWEST_ALLOWED}). */
    @WithDefault("5")
    int minGroupSize();
}
