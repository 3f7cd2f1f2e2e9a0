package dev.pulse.survey.directory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refreshes the organisation snapshot on a schedule ({@code pulse.directory.refresh-every}) and
 * publishes its age as {@code pulse_directory_snapshot_age_seconds} (NaN before the first read).
 */
@ApplicationScoped
@Startup
public class DirectoryRefresh {
    private final OrgSnapshots snapshots;

    public DirectoryRefresh(OrgSnapshots snapshots, MeterRegistry registry) {
        this.snapshots = snapshots;
        Gauge.builder("pulse.directory.snapshot.age", snapshots,
                        s -> s.age().map(a -> a.toMillis() / 1000.0).orElse(Double.NaN))
                .baseUnit("seconds")
                .description("Age of the organisation snapshot used to validate campaigns and plan key pools")
                .register(registry);
    }

    @Scheduled(every = "${pulse.directory.refresh-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        snapshots.refresh();
    }
}
