package dev.pulse.survey.schedule;

import dev.pulse.survey.campaign.Campaign;
import dev.pulse.survey.campaign.CampaignService;
import dev.pulse.survey.directory.Directory;
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
    /** Warn once when the directory goes away, not on every pass while it stays away. */
    private volatile boolean directoryDown;

    public RoundScheduler(CampaignService campaigns, RoundService rounds) {
        this.campaigns = campaigns;
        this.rounds = rounds;
    }

    @Scheduled(every = "${pulse.scheduler.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        openDueRounds(Instant.now());
    }

    /**
     * Returns how many rounds this call opened. The rounds due in one pass share one directory read made
     * during the pass ({@code now} is its start).
     */
    public int openDueRounds(Instant now) {
        int opened = 0;
        boolean attempted = false;
        for (Campaign campaign : campaigns.list()) {
            if (campaign.status() != Campaign.Status.ACTIVE) {
                continue;
            }
            Instant after = campaigns.scheduleReference(campaign.id());
            var due = Schedule.due(campaign.schedule(), ZoneId.of(campaign.timeZone()), after, now);
            if (due.isEmpty()) {
                continue;
            }
            attempted = true;
            try {
                rounds.open(campaign, now, due.get());
                opened++;
            } catch (ProblemException e) {
                // Another instance was faster, a round is still open, or the target is too small: try next tick.
                LOG.debugf("scheduled round of campaign %s not opened: %s", campaign.id(), e.problem().detail());
            } catch (Directory.DirectoryUnavailableException e) {
                // Never open with a stale or empty organisation: the fire time stays due and the next pass retries.
                if (!directoryDown) {
                    LOG.warnf("scheduled round of campaign %s (due %s) not opened: the directory cannot be read (%s); "
                            + "due rounds open as soon as it answers", campaign.id(), due.get(), e.getMessage());
                }
                directoryDown = true;
                return opened;
            }
        }
        if (directoryDown && attempted) {
            LOG.infof("the directory answers again; %d due round(s) opened", opened);
            directoryDown = false;
        }
        return opened;
    }
}
