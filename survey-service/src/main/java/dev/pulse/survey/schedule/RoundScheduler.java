package dev.pulse.survey.schedule;

import dev.pulse.survey.campaign.Campaign;
import dev.pulse.survey.campaign.CampaignService;
import dev.pulse.survey.problem.ProblemException;
import dev.pulse.survey.round.RoundService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import org.jboss.logging.Logger;

/**
 * Opens the rounds of active campaigns when their schedule says so. Every instance runs it; the
 * database decides (one fire time per campaign, one open round per campaign), so a scheduled round
 * opens exactly once.
 */
@ApplicationScoped
public class RoundScheduler {
    private static final Logger LOG = Logger.getLogger(RoundScheduler.class);
    private final CampaignService campaigns;
    private final RoundService rounds;

    public RoundScheduler(CampaignService campaigns, RoundService rounds) {
        this.campaigns = campaigns;
        this.rounds = rounds;
    }

    @Scheduled(every = "${pulse.scheduler.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        openDueRounds(Instant.now());
    }

    /** Returns how many rounds this call opened. */
    public int openDueRounds(Instant now) {
        int opened = 0;
        for (Campaign campaign : campaigns.list()) {
            if (campaign.status() != Campaign.Status.ACTIVE) {
                continue;
            }
            Instant after = campaigns.scheduleReference(campaign.id());
            var due = Schedule.due(campaign.schedule(), ZoneId.of(campaign.timeZone()), after, now);
            if (due.isEmpty()) {
                continue;
            }
            try {
                rounds.open(campaign, now, due.get());
                opened++;
            } catch (ProblemException e) {
                // Another instance was faster, a round is still open, or the target is too small: try next tick.
                LOG.debugf("scheduled round of campaign %s not opened: %s", campaign.id(), e.problem().detail());
            }
        }
        return opened;
    }
}
