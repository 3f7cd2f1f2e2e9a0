package dev.pulse.survey.directory;

import dev.pulse.survey.config.PulseConfig;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * How old the organisation snapshot is (/q/health/well). A wellness check, not readiness: ballots and
 * answers do not need the directory, so a Keycloak outage must not take the instance out of service.
 */
@Wellness
@ApplicationScoped
public class DirectoryHealthCheck implements HealthCheck {
    private final OrgSnapshots snapshots;
    private final Duration maxAge;

    public DirectoryHealthCheck(OrgSnapshots snapshots, PulseConfig config) {
        this.snapshots = snapshots;
        this.maxAge = config.directory().maxAge();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("organisation directory snapshot");
        var last = snapshots.last();
        if (last.isEmpty()) {
            response.down().withData("snapshot", "none yet");
        } else {
            Duration age = snapshots.age().orElseThrow();
            response.status(age.compareTo(maxAge) <= 0)
                    .withData("readAt", last.get().readAt().toString())
                    .withData("ageSeconds", age.toSeconds())
                    .withData("maxAgeSeconds", maxAge.toSeconds())
                    .withData("units", last.get().org().units().size());
        }
        snapshots.lastFailure().ifPresent(f -> response.withData("lastFailure", f));
        return response.build();
    }
}
