package dev.pulse.survey.round;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Closes rounds whose time is up. Every instance runs it; the conditional update makes it happen once. */
@ApplicationScoped
public class RoundCloser {
    private final RoundService rounds;

    public RoundCloser(RoundService rounds) {
        this.rounds = rounds;
    }

    @Scheduled(every = "${pulse.round-closer.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeDueRounds() {
        rounds.closeDue(Instant.now());
    }
}
