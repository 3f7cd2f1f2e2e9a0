package dev.pulse.analytics.results;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "pulse.results")
public interface ResultsConfig {

    /**
     * How many closed rounds keep their computed results (and views derived from them) in memory; 0 turns
     * the cache off. A round of 200 units × 8 items with its heatmap takes roughly 1 MB.
     */
    @WithDefault("16")
    int cachedRounds();
}
